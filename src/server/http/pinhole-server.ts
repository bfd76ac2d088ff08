import "server-only";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import next from "next";
import { env } from "@/env";
import { STATIC_SECURITY_HEADERS, STRICT_TRANSPORT_SECURITY } from "@/lib/security-headers";
import { appendPeerAddress, settleForwardedProto } from "@/server/http/client-address";
import { metrics } from "@/server/metrics/registry";
import { answerPublicVariant, loadCurrentPhoto, parseMediaPath } from "@/server/media/public-thumbnail";
import { trackRequests, type Drain } from "./drain";

const MEDIA_ROUTE = "/media/[photoId]/[version]/[file]";
// Above any client's or proxy's idle time (nginx 60 s, browsers ~60-300 s, undici 4 s): a server that
// closes an idle keep-alive socket first races the client's next request on it (ECONNRESET).
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/**
 * `npm start`'s server: Next.js's request handler behind a plain Node `http` server that answers one
 * kind of request itself, a public photo's small variant. Those are the site's most frequent
 * requests and identical for everyone; through Next's router each costs ~3 ms of CPU, here ~0.1 ms.
 * The decision is the route handler's own (answerPublicVariant on the row read from the primary
 * for this request), so a photo made private is refused on its next request here too. Anything
 * else, and any request this path declines or fails on, goes to Next unchanged.
 */
export async function startPinholeServer(options: {
  dir: string;
  port: number;
  hostname?: string;
}): Promise<{ server: Server; drain: Drain }> {
  const app = next({ dev: false, dir: options.dir, hostname: options.hostname, port: options.port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const timed = Boolean(env().METRICS_TOKEN);

  const server = createServer((req, res) => {
    // Shutting down: the load balancer hears it from the health check at once (on a connection it
    // already holds; new ones are refused) while the requests in flight finish.
    if (drain.draining && req.url?.split("?")[0] === "/api/health") return answerDraining(res);
    appendPeerAddress(req);
    settleForwardedProto(req);
    if (!req.url?.startsWith("/media/")) return void handle(req, res);
    const started = timed ? process.hrtime.bigint() : 0n;
    servePublicVariant(req, res).then(
      (served) => {
        if (!served) return void handle(req, res);
        if (timed) observe(req, res, started);
      },
      // A database or store outage: Next's route answers it (503 with Retry-After) and logs it.
      () => void handle(req, res),
    );
  });
  const drain = trackRequests(server);
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.hostname, () => resolve());
  });
  return { server, drain };
}

function answerDraining(res: ServerResponse): void {
  res.writeHead(503, { "Content-Type": "application/json", "Cache-Control": "no-store" });
  res.end(JSON.stringify({ status: "draining" }));
}

// True when the request was a public variant's and has been answered; false leaves it untouched.
async function servePublicVariant(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  // A query (a share link's ?s=) or anything but /media/<id>/<secret>/<file> is the route's to decide.
  const parts = req.url!.split("/");
  if (parts.length !== 5 || req.url!.includes("?")) return false;
  const path = parseMediaPath({ photoId: parts[2]!, version: parts[3]!, file: parts[4]! });
  if (!path || path.width === null) return false;
  const photo = await loadCurrentPhoto(path);
  if (!photo) return false;
  const answer = await answerPublicVariant(photo, path, req.headers["if-none-match"] ?? null);
  if (!answer) return false;
  // What next.config.ts adds to every answer Next gives (README: Security headers).
  for (const { key, value } of STATIC_SECURITY_HEADERS) res.setHeader(key, value);
  if (req.headers["x-forwarded-proto"] === "https")
    res.setHeader("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  res.writeHead(answer.status, answer.headers);
  res.end(req.method === "HEAD" ? undefined : (answer.body ?? undefined));
  return true;
}

function observe(req: IncomingMessage, res: ServerResponse, started: bigint): void {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  metrics().httpDuration.observe(
    { method: req.method ?? "GET", route: MEDIA_ROUTE, status: String(res.statusCode) },
    seconds,
  );
}
