// fairness: one person's 500-photo import must not hold up another person's thumbnail. Person B's
// upload → thumbnail time on an idle queue is the baseline; then person A uploads 500 photos and, with
// hundreds of A's jobs still queued, B uploads one: the ratio of the two times is the figure.
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { seedUser } from "../prisma/seed/users";
import {
  type App,
  type Cookies,
  distinctJpeg,
  ensureBuild,
  signIn,
  startApp,
  startDatabase,
  uploadPhoto,
} from "./lib/app";
import type { Benchmark, BenchContext } from "./lib/types";

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function timedUpload(base: string, cookies: Cookies, jpeg: Buffer): Promise<number> {
  const started = performance.now();
  await uploadPhoto(base, cookies, distinctJpeg(jpeg));
  return performance.now() - started;
}

/** Posts without waiting for the thumbnail: an import client sending its files. */
async function postOnly(base: string, cookies: Cookies, bytes: Buffer): Promise<void> {
  const res = await fetch(`${base}/api/uploads`, {
    method: "POST",
    headers: {
      cookie: cookies.header(),
      origin: base,
      "content-type": "application/octet-stream",
      "x-upload-filename": "import.jpg",
    },
    body: new Blob([new Uint8Array(bytes)]),
  });
  await res.arrayBuffer();
  if (res.status !== 201) throw new Error(`import upload answered ${res.status}`);
}

export const benchmark: Benchmark = {
  id: "fairness",
  title: "Another person's thumbnail during a 500-photo import vs on an idle queue (same server, same file)",
  async run(context: BenchContext) {
    const burst = Number(context.options.burst ?? 500);
    const samples = Number(context.options.samples ?? 5);
    const jpeg = readFileSync(path.join(context.root, "test/fixtures/photos/gps/DSCN0010.jpg"));
    const notes: string[] = [];
    const database = await startDatabase(context, "bench-fairness");
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    const queued = async () =>
      (
        await pool.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'process-photo'",
        )
      ).rows[0]!.n;
    let app: App | undefined;
    try {
      ensureBuild(context, notes);
      app = await startApp(context.root, {
        databaseUrl: database.url,
        dataDir: path.join(context.root, ".test-data", "bench-fairness"),
        env: { JOBS_SWEEP_INTERVAL_SECONDS: "0" },
      });
      const base = app.baseURL;
      const [a, b] = [await seedUser(pool), await seedUser(pool)];
      const [importer, other] = [
        await signIn(base, a.email, a.password),
        await signIn(base, b.email, b.password),
      ];

      for (let i = 0; i < 2; i++) await timedUpload(base, other, jpeg); // warm-up
      const idle: number[] = [];
      for (let i = 0; i < samples; i++) idle.push(await timedUpload(base, other, jpeg));

      context.log(`importing ${burst} photos as person A…`);
      let next = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < burst) {
            next++;
            await postOnly(base, importer, distinctJpeg(jpeg));
          }
        }),
      );
      const busy: number[] = [];
      const depths: number[] = [];
      for (let i = 0; i < samples; i++) {
        depths.push(await queued());
        busy.push(await timedUpload(base, other, jpeg));
      }
      const left = await queued();

      const idleMs = median(idle);
      const busyMs = median(busy);
      const ratio = busyMs / idleMs;
      context.figure("B's thumbnail, idle queue (median)", idleMs.toFixed(0), "ms");
      context.figure("B's thumbnail during A's import (median)", busyMs.toFixed(0), "ms");
      context.figure("ratio", ratio.toFixed(2), "×");
      context.figure("A's jobs queued when B uploaded", depths.join(", "));
      notes.push(
        `Person A posts ${burst} distinct copies of a 640 × 480 JPEG (8 at a time, not waiting for thumbnails); then person B uploads the same file ${samples} times, one after another, each timed from POST to its 50 px thumbnail answering 200. The baseline is B's median over ${samples} uploads on the idle queue, after 2 warm-ups, in the same run.`,
        `A's jobs still queued at each of B's uploads: ${depths.join(", ")} (${left} after the last). In arrival order B would wait behind all of them.`,
        "The server runs jobs in process (JOBS_IN_WEB default): image jobs 2 at a time; fairness comes from the priority each photo job gets at enqueue (how many of its owner's jobs are already queued).",
      );
      return {
        table: {
          columns: ["case", "B's upload → thumbnail (median)", "samples"],
          rows: [
            ["idle queue", `${idleMs.toFixed(0)} ms`, String(samples)],
            [`during A's ${burst}-photo import`, `${busyMs.toFixed(0)} ms`, String(samples)],
          ],
        },
        goals: [{ text: "≤ 2× the idle queue's time", measured: `${ratio.toFixed(2)}×`, met: ratio <= 2 }],
        notes,
      };
    } finally {
      await pool.end();
      await app?.stop();
      await database.stop();
    }
  },
};
