// media: a public photo's 50 px thumbnail (GET /media/<id>/<secret>/w50.webp) under 64 concurrent
// connections, against Debian's nginx serving the same file from the same disk, in the same run.
// The app is the production build under the server `npm start` runs (scripts/server.ts), which
// answers public thumbnails before Next's router; the photo is uploaded through the real route.
// Contenders take turns in alternating rounds; autocannon runs in this process.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { seedUser } from "../prisma/seed/users";
import { freePort } from "@/server/db/embedded";
import {
  distinctJpeg,
  ensureBuild,
  signIn,
  startApp,
  startDatabase,
  treeCpuSeconds,
  uploadPhoto,
} from "./lib/app";
import type { Benchmark, BenchResult, Goal } from "./lib/types";
import { median } from "./lib/stats";

const NGINX = "/usr/sbin/nginx";

interface Round {
  requests: number;
  seconds: number;
  rate: number;
  p50: number;
  p99: number;
  failures: number;
  /** CPU time the server's processes used per answered request, in microseconds. */
  cpuUs: number;
}

export const benchmark: Benchmark = {
  id: "media",
  title: "a public 50 px thumbnail at 64 connections, vs nginx serving the same file from disk",
  async run(context) {
    const seconds = Number(context.options.seconds ?? 10);
    const rounds = Number(context.options.rounds ?? 3);
    const connections = Number(context.options.connections ?? 64);
    const dataDir = path.join(context.root, ".test-data", "bench-media");
    const notes: string[] = [];
    const stops: (() => Promise<void>)[] = [];
    try {
      const database = await startDatabase(context, "bench-media");
      stops.push(database.stop);
      ensureBuild(context, notes);
      const appEnv: Record<string, string> = { JOBS_SWEEP_INTERVAL_SECONDS: "0" };
      if (context.options.redis) appEnv.REDIS_URL = context.options.redis;
      const app = await startApp(context.root, { databaseUrl: database.url, dataDir, env: appEnv });
      stops.push(app.stop);

      const pool = new pg.Pool({ connectionString: database.url, max: 1 });
      stops.push(() => pool.end());
      const user = await seedUser(pool);
      const cookies = await signIn(app.baseURL, user.email, user.password);
      const jpeg = readFileSync(path.join(context.root, "test/fixtures/photos/cameras/Canon_40D.jpg"));
      const photo = await uploadPhoto(app.baseURL, cookies, distinctJpeg(jpeg));
      const { rows } = await pool.query<{ key: string; byte_size: number }>(
        `SELECT key, byte_size FROM photo_variants WHERE photo_id = $1 AND width >= 50 ORDER BY width LIMIT 1`,
        [photo.id],
      );
      const file = path.resolve(dataDir, "media", rows[0]!.key);
      const appPath = `${photo.mediaBase}/w50.webp`;

      const nginx = await startNginx(file);
      stops.push(nginx.stop);
      const bare = await startBareNode(file);
      stops.push(bare.stop);
      const front = await startNginxFront(app.baseURL, appPath);
      stops.push(front.stop);

      // Both must answer the same bytes, and the app's answer must be public (no cookie was sent).
      const fromApp = await fetch(`${app.baseURL}${appPath}`);
      const fromNginx = await fetch(`${nginx.baseURL}/thumb.webp`);
      const appBytes = Buffer.from(await fromApp.arrayBuffer());
      const nginxBytes = Buffer.from(await fromNginx.arrayBuffer());
      if (!appBytes.equals(nginxBytes) || fromApp.status !== 200)
        throw new Error(
          `the app and nginx disagree (${fromApp.status}, ${appBytes.length} vs ${nginxBytes.length} bytes)`,
        );
      // The front keeps the public thumbnail after its first answer, and answers the same bytes.
      const viaFront = [await fetch(`${front.baseURL}${appPath}`), await fetch(`${front.baseURL}${appPath}`)];
      const frontBytes = Buffer.from(await viaFront[1]!.arrayBuffer());
      if (!frontBytes.equals(appBytes)) throw new Error("the app behind nginx answered other bytes");
      notes.push(
        `Through nginx's proxy_cache: ${viaFront.map((r) => r.headers.get("x-cache")).join(" then ")}. It keeps only what the app marks public; private and share-link answers (\`private, no-cache\`, \`private, no-store\`) always reach the app and its access check. A public photo made private gets a new secret URL at once; the old URL is purged from such a cache by the job queue (MEDIA_PURGE_NGINX_URLS, tested in e2e/media-cache.spec.ts) and expires there after s-maxage in any case.`,
      );
      notes.push(
        `The file: ${appBytes.length} bytes of WebP (the 50 px rung of a ${(jpeg.length / 1000) | 0} kB camera JPEG uploaded through POST /api/uploads). Both answered the same bytes; the app's Cache-Control: \`${fromApp.headers.get("cache-control")}\`.`,
      );

      const contenders = [
        {
          id: "nginx",
          label: "nginx (Debian)",
          how: "the file from disk: sendfile, 2 workers, no access log",
          url: `${nginx.baseURL}/thumb.webp`,
          pid: nginx.pid,
        },
        {
          id: "bare",
          label: "bare Node http",
          how: "the bytes from memory, one process: the floor of any Node server here",
          url: `${bare.baseURL}/thumb.webp`,
          pid: bare.pid,
        },
        {
          id: "app",
          label: "Pinhole /media/…/w50.webp",
          how: "the production server (`npm start`): answered before Next's router, access checked per request",
          url: `${app.baseURL}${appPath}`,
          pid: app.child.pid!,
        },
        {
          id: "route",
          label: "Pinhole through Next's route",
          how: "the same URL with a query (`?via=route`), which the front leaves to Next: its router and the route handler, the same check",
          url: `${app.baseURL}${appPath}?via=route`,
          pid: app.child.pid!,
        },
        {
          id: "front",
          label: "Pinhole behind nginx proxy_cache",
          how: "as deployed on a Node host (docs/deploy-node-host.md): the app answers the first request, nginx's cache the repeats",
          url: `${front.baseURL}${appPath}`,
          pid: front.pid,
        },
      ] as const;
      for (const c of contenders) await load(c.url, c.pid, connections, 3); // warm-up
      const measured = new Map<string, Round[]>(contenders.map((c) => [c.id, []]));
      for (let round = 0; round < rounds; round++) {
        const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]!);
        context.log(`round ${round + 1}/${rounds}`);
        for (const c of order) measured.get(c.id)!.push(await load(c.url, c.pid, connections, seconds));
      }
      const ratioOf = (id: string) =>
        median(measured.get(id)!.map((r, i) => r.rate / measured.get("nginx")![i]!.rate));
      const ratio = ratioOf("app");
      const rows2 = contenders.map((c) => {
        const all = measured.get(c.id)!;
        const requests = all.reduce((n, r) => n + r.requests, 0);
        const rate = requests / all.reduce((n, r) => n + r.seconds, 0);
        const p99 = median(all.map((r) => r.p99));
        const cpuUs = median(all.map((r) => r.cpuUs));
        context.figure(`${c.id} req/s`, rate.toFixed(0));
        context.figure(`${c.id} CPU per request`, cpuUs.toFixed(0), "µs");
        context.figure(`${c.id} p99`, p99.toFixed(1), "ms");
        return [
          c.label,
          c.how,
          String(requests),
          rate.toFixed(0),
          median(all.map((r) => r.p50)).toFixed(1),
          p99.toFixed(1),
          String(all.reduce((n, r) => n + r.failures, 0)),
          cpuUs.toFixed(0),
          `${ratioOf(c.id).toFixed(2)}×`,
        ];
      });
      context.figure("app ÷ nginx req/s", ratio.toFixed(2), "×");
      const appP99 = median(measured.get("app")!.map((r) => r.p99));
      const frontRatio = ratioOf("front");
      const frontP99 = median(measured.get("front")!.map((r) => r.p99));
      context.figure("front ÷ nginx req/s", frontRatio.toFixed(2), "×");
      const goals: Goal[] = [
        { text: "app alone: ≥ 0.3× nginx req/s", measured: `${ratio.toFixed(2)}×`, met: ratio >= 0.3 },
        { text: "app alone: p99 ≤ 10 ms", measured: `${appP99.toFixed(1)} ms`, met: appP99 <= 10 },
        {
          text: "as deployed, behind nginx proxy_cache: ≥ 0.3× nginx req/s",
          measured: `${frontRatio.toFixed(2)}×`,
          met: frontRatio >= 0.3,
        },
        {
          text: "as deployed, behind nginx proxy_cache: p99 ≤ 10 ms",
          measured: `${frontP99.toFixed(1)} ms`,
          met: frontP99 <= 10,
        },
      ];
      const appCpu = median(measured.get("app")!.map((r) => r.cpuUs));
      const nginxRuns = measured.get("nginx")!;
      const nginxRate =
        nginxRuns.reduce((n, r) => n + r.requests, 0) / nginxRuns.reduce((n, r) => n + r.seconds, 0);
      const nginxCpu = median(measured.get("nginx")!.map((r) => r.cpuUs));
      const routeCpu = median(measured.get("route")!.map((r) => r.cpuUs));
      notes.push(
        `CPU per request (user + system of the server's processes over the round, divided by its answers) depends far less than req/s on how busy the host is: the app's front spends ${appCpu.toFixed(0)} µs, Next's route ${routeCpu.toFixed(0)} µs for the same answer, nginx ${nginxCpu.toFixed(0)} µs. One process can answer at most ~${(1e6 / appCpu).toFixed(0)} req/s with a whole core to itself (nginx here: ${nginxRate.toFixed(0)} req/s on two workers); with 64 requests in flight on one event loop each waits ~64 × ${(appCpu / 1000).toFixed(2)} ms ≈ ${((64 * appCpu) / 1000).toFixed(1)} ms (Little's law), and p99 ≤ 10 ms needs under ${(10_000 / 64).toFixed(0)} µs a request all told.`,
        `Both app rows read the photo's row from PostgreSQL for every request (one statement per event-loop turn, never a cached decision) and take the bytes from memory. In front of them a CDN (or nginx's proxy_cache on a Node host) serves the repeats of public media, which carries \`${fromApp.headers.get("cache-control")}\` under secret URLs (nginx revalidates after s-maxage with the ETag: a 304).`,
        `${rounds} rounds of ${seconds} s per contender, the order rotating each round, after 3 s of unmeasured warm-up each; autocannon (${connections} connections, keep-alive) runs in the bench process on the same 2 cores, so the nginx row is also bounded by the load generator.`,
        `The app: one production server process (scripts/server.ts, what \`npm start\` runs), NODE_ENV=production, ${appEnv.REDIS_URL ? `REDIS_URL=${appEnv.REDIS_URL}` : "no REDIS_URL (the in-memory cache)"}. Load average after the run: ${os.loadavg()[0]?.toFixed(2)}.`,
        `req/s: all requests over all rounds' time; p50 and p99: the median over rounds; "÷ nginx": the median over rounds of the round's ratio.`,
        "Options: --seconds, --rounds, --connections, --redis=<url>, --rebuild.",
      );
      return {
        table: {
          columns: [
            "contender",
            "how",
            "requests",
            "req/s",
            "p50 ms",
            "p99 ms",
            "errors",
            "CPU µs/req",
            "÷ nginx",
          ],
          rows: rows2,
        },
        goals,
        notes,
      } satisfies BenchResult;
    } finally {
      for (const stop of stops.reverse()) await stop().catch((error) => context.log(`stop failed: ${error}`));
    }
  },
};

/** The floor: node:http answering the same bytes from memory, in a process of its own. */
async function startBareNode(file: string) {
  const port = await freePort();
  const script = `
    const bytes = require("node:fs").readFileSync(process.argv[1]);
    require("node:http").createServer((req, res) => {
      res.writeHead(200, { "Content-Type": "image/webp", "Content-Length": bytes.length,
        "Cache-Control": "public, max-age=31536000, immutable" });
      res.end(bytes);
    }).listen(Number(process.argv[2]), "127.0.0.1", () => process.stdout.write("up\\n"));`;
  const child = spawn(process.execPath, ["-e", script, file, String(port)], { stdio: ["ignore", "pipe", 2] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once("data", () => resolve());
    child.once("exit", (code) => reject(new Error(`the bare server exited with ${code}`)));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { baseURL: `http://127.0.0.1:${port}`, stop, pid: child.pid! };
}

async function load(url: string, pid: number, connections: number, seconds: number): Promise<Round> {
  const cpuBefore = treeCpuSeconds(pid);
  const result = await autocannon({ url, connections, duration: seconds, timeout: 30 });
  const cpu = treeCpuSeconds(pid) - cpuBefore;
  const elapsed = (result.finish.getTime() - result.start.getTime()) / 1000;
  return {
    requests: result["2xx"],
    seconds: elapsed,
    rate: result["2xx"] / elapsed,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
    cpuUs: result["2xx"] ? (cpu / result["2xx"]) * 1e6 : 0,
  };
}

/** Debian's nginx as a child process, its configuration and temp files in a temp dir of its own. */
async function startNginx(file: string) {
  return startNginxWith(
    (port) => `server {
    listen 127.0.0.1:${port};
    location = /thumb.webp {
      alias ${file};
      add_header Cache-Control "public, max-age=31536000, immutable";
    }
  }`,
    "/thumb.webp",
  );
}

/**
 * nginx in front of the app as docs/deploy-node-host.md sets it up: /media/ through proxy_cache, which
 * keeps what the app marks public (secret URLs, s-maxage) and never what it marks private or
 * no-store, as a CDN would. (The purge endpoint is not needed to measure it.)
 */
async function startNginxFront(appBaseURL: string, probe: string) {
  const upstream = new URL(appBaseURL).host;
  return startNginxWith(
    (port, dir) => `proxy_cache_path ${dir}/cache levels=1:2 keys_zone=media:10m max_size=256m inactive=1h;
  upstream pinhole { server ${upstream}; keepalive 64; }
  server {
    listen 127.0.0.1:${port};
    location /media/ {
      proxy_pass http://pinhole;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_cache media;
      proxy_cache_key $uri;
      proxy_cache_bypass $args;
      proxy_no_cache $args;
      proxy_cache_revalidate on;
      proxy_cache_lock on;
      add_header X-Cache $upstream_cache_status;
    }
  }`,
    probe,
  );
}

async function startNginxWith(server: (port: number, dir: string) => string, probe: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pinhole-nginx-"));
  const port = await freePort();
  // Run as root (CI containers), nginx's workers would drop to nobody, who cannot read the app's data
  // folder: they keep the bench's user instead (loopback only, for the length of the run).
  writeFileSync(
    path.join(dir, "nginx.conf"),
    `${process.getuid?.() === 0 ? "user root;\n" : ""}worker_processes 2;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  types { image/webp webp; }
  ${server(port, dir)}
}
`,
  );
  const test = spawnSync(
    NGINX,
    ["-t", "-e", path.join(dir, "error.log"), "-p", dir, "-c", path.join(dir, "nginx.conf")],
    { encoding: "utf8" },
  );
  if (test.status !== 0) throw new Error(`nginx -t failed: ${test.stderr}`);
  const child: ChildProcess = spawn(
    NGINX,
    ["-e", path.join(dir, "error.log"), "-p", dir, "-c", path.join(dir, "nginx.conf"), "-g", "daemon off;"],
    {
      stdio: ["ignore", "ignore", 2],
    },
  );
  const baseURL = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error("nginx exited at start");
    try {
      if ((await fetch(`${baseURL}${probe}`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("nginx did not answer within 10 s");
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      child.once("exit", () => {
        rmSync(dir, { recursive: true, force: true });
        resolve();
      });
      // QUIT: nginx's graceful stop; its workers leave with the master.
      child.kill("SIGQUIT");
    });
  return { baseURL, stop, pid: child.pid! };
}
