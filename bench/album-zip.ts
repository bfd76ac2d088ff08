// album-zip: the memory a streamed album ZIP takes (src/server/media/album-zip.ts). One process seeds
// an owner with a 200-photo and a 2 000-photo public album of real JPEGs on local disk and streams each
// album's ZIP, as the owner (originals as uploaded) and as a visitor (originals without their location,
// each read and rewritten in memory one at a time), to a client reading at a set pace; its RSS is
// sampled every 20 ms, and V8's live heap is read after a full GC. Flat means nothing the size of the photos
// is kept: the 2 000-photo album grows RSS about as the 200-photo one does, and keeps a few MB at most.
import path from "node:path";
import { startTsChild } from "./lib/child";
import type { Benchmark, Goal } from "./lib/types";
import { LARGE, SMALL, type RunAnswer, type RunRequest, type StartAnswer } from "./album-zip/worker";

// RSS may wander this much between two runs of the same work (allocator, JIT, pools).
const FLAT_MB = 8;

export const benchmark: Benchmark = {
  id: "album-zip",
  title: `RSS growth streaming a ${LARGE}-photo album's ZIP vs a ${SMALL}-photo one, owner and visitor`,
  async run(context) {
    const mbPerSecond = Number(context.options["mb-per-second"] ?? 150);
    const dataDir = path.join(context.root, ".test-data", "bench-album-zip");
    const worker = startTsChild(context.root, path.join("bench", "album-zip", "worker.ts"), [dataDir]);
    const rows: string[][] = [];
    const goals: Goal[] = [];
    try {
      const started = await worker.request<StartAnswer>("start");
      context.log(started.seeded ? "seeded the albums" : "albums already seeded");
      for (const as of ["owner", "visitor"] as const) {
        const run = (size: RunRequest["size"]) =>
          worker.request<RunAnswer>(`run ${JSON.stringify({ size, as, mbPerSecond } satisfies RunRequest)}`);
        await run("small"); // warm-up: modules, JIT, pools
        const small = await run("small");
        const large = await run("large");
        for (const [n, r] of [
          [SMALL, small],
          [LARGE, large],
        ] as const) {
          const growth = r.peakMb - r.baselineMb;
          context.figure(`${as}, ${n} photos: RSS growth`, growth.toFixed(1), "MB");
          rows.push([
            as,
            String(n),
            (r.bytes / 1024 / 1024).toFixed(0),
            r.seconds.toFixed(1),
            r.baselineMb.toFixed(0),
            r.peakMb.toFixed(0),
            growth.toFixed(1),
            r.quarterPeaksMb.map((q) => q.toFixed(0)).join(" / "),
            r.retainedHeapMb.toFixed(1),
          ]);
        }
        const extra = large.peakMb - large.baselineMb - (small.peakMb - small.baselineMb);
        goals.push({
          text: `${as}: ${LARGE} photos grow RSS ≤ ${FLAT_MB} MB more than ${SMALL}`,
          measured: `${extra.toFixed(1)} MB more, for ${(large.bytes / 1024 / 1024).toFixed(0)} MB streamed`,
          met: extra <= FLAT_MB,
        });
        goals.push({
          text: `${as}, ${LARGE} photos: live heap kept after a full GC ≤ ${FLAT_MB} MB`,
          measured: `${large.retainedHeapMb.toFixed(1)} MB`,
          met: large.retainedHeapMb <= FLAT_MB,
        });
      }
    } finally {
      await worker.close();
    }
    return {
      table: {
        columns: [
          "as",
          "photos",
          "ZIP MB",
          "seconds",
          "RSS before MB",
          "RSS peak MB",
          "growth MB",
          "peak by quarter MB",
          "live heap kept MB",
        ],
        rows,
      },
      goals,
      notes: [
        `The client reads at ${mbPerSecond} MB/s (--mb-per-second): a producer ignoring backpressure would hold the difference.`,
        "The visitor's copies are each original rewritten without its location, in memory one at a time (at most UPLOAD_MAX_BYTES).",
        "Rows share a few stored files (the camera fixtures and two large photos): the streaming is measured, not the disk.",
        "In-process (albumZipResponse's Response body read directly), not through next start: the route adds no buffering of its own.",
        "RSS includes garbage not yet collected (V8 grows its heap before a full collection); the live heap after a forced full GC is what the stream keeps: the ZIP's central directory (one small entry record per file, written at the end) and nothing else.",
      ],
    };
  },
};
