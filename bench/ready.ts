// ready: an 8 MP JPEG uploaded through the real HTTP route (a production build under the server `npm start` runs),
// timed until its 50 px thumbnail is served, 50 times one after another as a photographer's queue
// sends them; against the bare sharp script making the same variants from the same file.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { seedUser } from "../prisma/seed/users";
import { type App, type Cookies, ensureBuild, signIn, startApp, startDatabase } from "./lib/app";
import type { Benchmark, BenchContext } from "./lib/types";
import { sharpDecodeOnce } from "./thumbs/sharp-decode-once";

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
    const database = await startDatabase(context, "bench-ready");
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    let app: App | undefined;
    try {
      ensureBuild(context, notes);
      app = await startApp(context.root, {
        databaseUrl: database.url,
        dataDir,
        // Only the upload's own job runs: no sweep timer competes with it.
        env: { JOBS_SWEEP_INTERVAL_SECONDS: "0" },
      });
      const base = app.baseURL;
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
      await app?.stop();
      await database.stop();
    }
  },
};
