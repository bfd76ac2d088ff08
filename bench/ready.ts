// ready: an 8 MP JPEG uploaded through the real HTTP route (a production build under `next start`),
// timed until its 50 px thumbnail is served, 50 times one after another as a photographer's queue
// sends them; against the bare sharp script making the same variants from the same file.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { seedUser } from "../prisma/seed/users";
import { freePort, startEmbeddedPostgres } from "@/server/db/embedded";
import { migrate } from "@/server/db/migrate";
import type { Benchmark, BenchContext } from "./lib/types";
import { sharpDecodeOnce } from "./thumbs/sharp-decode-once";

const require = createRequire(import.meta.url);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The same photo with a different JPEG comment: new bytes (no de-duplication), same pixels. */
function variantOf(jpeg: Buffer): Buffer {
  const comment = Buffer.from(`pinhole-bench-${randomBytes(8).toString("hex")}`);
  const segment = Buffer.alloc(4 + comment.length);
  segment.writeUInt16BE(0xfffe, 0);
  segment.writeUInt16BE(comment.length + 2, 2);
  comment.copy(segment, 4);
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]);
}

class Cookies {
  private jar = new Map<string, string>();
  take(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const i = pair.indexOf("=");
      this.jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  }
  header() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

async function signIn(base: string, email: string, password: string): Promise<Cookies> {
  const cookies = new Cookies();
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  cookies.take(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.header(), origin: base },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/` }),
  });
  cookies.take(res);
  if (!cookies.header().includes("session-token")) throw new Error(`sign-in failed (${res.status})`);
  return cookies;
}

async function waitForServer(base: string, server: ChildProcess) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error("next start exited");
    try {
      if ((await fetch(`${base}/sign-in`)).ok) return;
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("next start did not answer within 60 s");
}

async function uploadUntilThumbnail(base: string, cookies: Cookies, bytes: Buffer): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${base}/api/uploads`, {
    method: "POST",
    headers: {
      cookie: cookies.header(),
      origin: base,
      "content-type": "application/octet-stream",
      "x-upload-filename": "jolla.jpg",
    },
    body: new Blob([new Uint8Array(bytes)]),
  });
  if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
  const { photo } = (await res.json()) as { photo: { mediaBase: string } };
  for (;;) {
    const thumb = await fetch(`${base}${photo.mediaBase}/w50.webp`, {
      headers: { cookie: cookies.header() },
    });
    await thumb.arrayBuffer();
    if (thumb.status === 200) return performance.now() - started;
    if (performance.now() - started > 60_000) throw new Error("no thumbnail after 60 s");
    // Not faster: every poll is a request the server answers while it is busy making the variants.
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const benchmark: Benchmark = {
  id: "ready",
  title: "8 MP JPEG upload through the HTTP route until its thumbnail is served, vs bare sharp",
  async run(context: BenchContext) {
    const count = Number(context.options.uploads ?? 50);
    const file = path.join(context.root, "test/fixtures/photos/large/jolla.jpg");
    const jpeg = readFileSync(file);
    const notes: string[] = [];

    // The baseline first, on a quiet machine: the bare script's time for the same variants.
    const outDir = mkdtempSync(path.join(os.tmpdir(), "pinhole-ready-"));
    await sharpDecodeOnce.process(file, outDir);
    const bare: number[] = [];
    for (let i = 0; i < count; i++) {
      const t = performance.now();
      await sharpDecodeOnce.process(file, outDir);
      bare.push(performance.now() - t);
    }
    rmSync(outDir, { recursive: true, force: true });

    const dataDir = path.join(context.root, ".test-data", "bench-ready");
    const embedded = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres({ dataDir });
    const databaseUrl = process.env.DATABASE_URL ?? embedded!.url;
    await migrate(databaseUrl);
    const nextBin = require.resolve("next/dist/bin/next");
    if (context.options.rebuild || !existsSync(path.join(context.root, ".next", "BUILD_ID"))) {
      context.log("building (next build)…");
      const build = spawnSync(process.execPath, [nextBin, "build"], {
        cwd: context.root,
        stdio: "inherit",
        env: { ...process.env, NODE_OPTIONS: "" },
      });
      if (build.status !== 0) throw new Error("next build failed");
    } else {
      notes.push("Used the existing production build in .next (pass --rebuild after changing code).");
    }
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server = spawn(
      process.execPath,
      [nextBin, "start", "--port", String(port), "--hostname", "127.0.0.1"],
      {
        cwd: context.root,
        stdio: ["ignore", "ignore", "inherit"],
        env: {
          ...process.env,
          NODE_OPTIONS: "",
          NODE_ENV: "production",
          DATABASE_URL: databaseUrl,
          PINHOLE_DATA_DIR: dataDir,
          AUTH_SECRET: randomBytes(32).toString("base64url"),
          MIGRATE_ON_START: "false",
          JOBS_SWEEP_INTERVAL_SECONDS: "0",
        },
      },
    );
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    try {
      await waitForServer(base, server);
      const user = await seedUser(pool);
      const cookies = await signIn(base, user.email, user.password);
      for (let i = 0; i < 3; i++) await uploadUntilThumbnail(base, cookies, variantOf(jpeg)); // warm-up
      const ready: number[] = [];
      for (let i = 0; i < count; i++) ready.push(await uploadUntilThumbnail(base, cookies, variantOf(jpeg)));

      const bareP50 = percentile(bare, 50);
      const readyP50 = percentile(ready, 50);
      const readyP99 = percentile(ready, 99);
      const target = 1.5 * bareP50 + 100;
      context.figure("upload → thumbnail p50", readyP50.toFixed(0), "ms");
      context.figure("upload → thumbnail p99", readyP99.toFixed(0), "ms");
      context.figure("bare sharp p50", bareP50.toFixed(0), "ms");
      context.figure("bare sharp p99", percentile(bare, 99).toFixed(0), "ms");
      notes.push(
        `${count} uploads of ${(jpeg.length / 1e6).toFixed(1)} MB (3264 × 2448) one after another, each with a distinct JPEG comment so none is de-duplicated, after 3 warm-up uploads; the clock stops when GET …/w50.webp answers 200 (polled every 20 ms).`,
        "The baseline is bench/thumbs' fastest bare sharp script (decode once, every rung from the raw pixels), timed in this process on the same file.",
      );
      return {
        table: {
          columns: ["contender", "p50", "p99", "runs"],
          rows: [
            [
              "upload → thumbnail served (HTTP, next start)",
              `${readyP50.toFixed(0)} ms`,
              `${readyP99.toFixed(0)} ms`,
              String(count),
            ],
            [
              "bare sharp, same variants",
              `${bareP50.toFixed(0)} ms`,
              `${percentile(bare, 99).toFixed(0)} ms`,
              String(count),
            ],
          ],
        },
        goals: [
          {
            text: "p50 ≤ 1.5× bare sharp + 100 ms",
            measured: `${readyP50.toFixed(0)} ms vs ${target.toFixed(0)} ms`,
            met: readyP50 <= target,
          },
        ],
        notes,
      };
    } finally {
      await pool.end();
      server.kill("SIGTERM");
      await new Promise((r) => server.once("exit", r));
      await embedded?.stop();
    }
  },
};
