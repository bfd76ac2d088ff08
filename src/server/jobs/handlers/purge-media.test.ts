// The purge-media job against local stand-ins for the two purge endpoints it knows: nginx's purge
// location (each URL a GET; 200 purged, 404 not cached) and Vercel's REST API
// (POST /v1/edge-cache/dangerously-delete-by-tags). The real nginx runs in e2e/media-cache.spec.ts;
// Vercel's API cannot be called from a test, so its stand-in checks the request the docs describe.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

interface Seen {
  method: string;
  url: string;
  authorization?: string;
  body: string;
}

function standIn(
  answer: (req: IncomingMessage) => number,
): Promise<{ server: Server; url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      seen.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization, body });
      res.writeHead(answer(req)).end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen }),
    ),
  );
}

let nginx: Awaited<ReturnType<typeof standIn>>;
let vercel: Awaited<ReturnType<typeof standIn>>;
let nginxStatus = 200;
let vercelStatus = 200;
let purgeMedia: (payload: unknown) => Promise<void>;

beforeAll(async () => {
  // Cached entries answer 200, the rest 404: both are success.
  nginx = await standIn((req) => (req.url!.endsWith("/original") ? 404 : nginxStatus));
  vercel = await standIn(() => vercelStatus);
  process.env.MEDIA_PURGE_NGINX_URLS = `${nginx.url}/, ${nginx.url}/second`;
  process.env.MEDIA_PURGE_VERCEL_TOKEN = "vercel-token-for-tests";
  process.env.MEDIA_PURGE_VERCEL_PROJECT = "prj_pinhole";
  process.env.MEDIA_PURGE_VERCEL_TEAM = "team_photos";
  process.env.MEDIA_PURGE_VERCEL_API_URL = vercel.url;
  ({ purgeMedia } = await import("./purge-media"));
});
afterAll(() => {
  nginx.server.close();
  vercel.server.close();
});
beforeEach(() => {
  nginx.seen.length = 0;
  vercel.seen.length = 0;
  nginxStatus = 200;
  vercelStatus = 200;
});

const photoId = "0b6f1f9e-4d55-4f43-9a57-2a3f0c1d2e3f";
const secret = "0123456789abcdef";
const LADDER = [50, 240, 320, 500, 640, 800, 1024, 1600, 2048];

describe("purge-media", () => {
  it("purges every shared-cacheable URL of the old secret from each nginx, and its tag from Vercel's CDN", async () => {
    await purgeMedia({ media: [{ photoId, secret }] });
    const files = [...LADDER.map((w) => `w${w}.webp`), "original"];
    expect(nginx.seen.map((s) => `${s.method} ${s.url}`).sort()).toEqual(
      ["", "/second"]
        .flatMap((base) => files.map((f) => `GET ${base}/media/${photoId}/${secret}/${f}`))
        .sort(),
    );
    expect(vercel.seen).toEqual([
      {
        method: "POST",
        url: "/v1/edge-cache/dangerously-delete-by-tags?projectIdOrName=prj_pinhole&teamId=team_photos",
        authorization: "Bearer vercel-token-for-tests",
        body: JSON.stringify({ tags: [`media-${photoId}-${secret}`] }),
      },
    ]);
  });

  it("fails (so the job is tried again) when a purge endpoint refuses", async () => {
    nginxStatus = 403;
    await expect(purgeMedia({ media: [{ photoId, secret }] })).rejects.toThrow(/answered 403/);
    nginxStatus = 200;
    vercelStatus = 401;
    await expect(purgeMedia({ media: [{ photoId, secret }] })).rejects.toThrow(/answered 401/);
  });

  it("refuses a payload that names no media, without calling anyone", async () => {
    for (const payload of [
      {},
      { media: [{ photoId: "../../etc", secret }] },
      { media: [{ photoId, secret: "1" }] },
    ])
      await expect(purgeMedia(payload)).rejects.toMatchObject({ code: "bad_request" });
    expect(nginx.seen).toEqual([]);
    expect(vercel.seen).toEqual([]);
  });
});
