import "server-only";
import { constants, PerformanceObserver } from "node:perf_hooks";
import v8 from "node:v8";
import { logger } from "@/server/log/logger";
import { metrics } from "@/server/metrics/registry";
import { type CacheSize, cacheSizes, shedCaches } from "./cache-registry";

export interface HeapReading {
  /** V8's used heap, bytes. */
  used: number;
  /** The most it may hold (--max-old-space-size and the young generation), bytes. */
  limit: number;
}

export function readHeap(): HeapReading {
  const stats = v8.getHeapStatistics();
  return { used: stats.used_heap_size, limit: stats.heap_size_limit };
}

export interface HeapWatchOptions {
  read?: () => HeapReading;
  /** Used/limit at which the caches shed half (0.8). */
  shedAt?: number;
  /** Used/limit at which they are emptied (0.9). */
  emptyAt?: number;
  /** Used/limit under which an episode is over (0.7). */
  calmAt?: number;
  /** The least time between two sheds: a shed shows in the reading only after the next collection. */
  minGapMs?: number;
  now?: () => number;
}

interface Episode {
  started: number;
  passes: number;
  shed: CacheSize;
  peak: number;
}

const MiB = 1024 * 1024;
const mib = (bytes: number) => Math.round(bytes / MiB);

/**
 * Decides, from one heap reading after a collection, whether the in-process caches shed: half of
 * each above `shedAt`, all of it above `emptyAt`. An episode (from the first shed until the heap is
 * back under `calmAt`) is logged once at its start and once at its end, and counted.
 */
export function createHeapWatch(options: HeapWatchOptions = {}) {
  const read = options.read ?? readHeap;
  const shedAt = options.shedAt ?? 0.8;
  const emptyAt = options.emptyAt ?? 0.9;
  const calmAt = options.calmAt ?? 0.7;
  const minGapMs = options.minGapMs ?? 1_000;
  const now = options.now ?? Date.now;
  const log = logger().child({ component: "memory" });
  let episode: Episode | null = null;
  let lastShed = -Infinity;

  return {
    /** "shed" when the caches were shed, "calm" or "waiting" (under pressure, shed a moment ago). */
    check(): "calm" | "shed" | "waiting" {
      const heap = read();
      const ratio = heap.used / heap.limit;
      metrics().heapAfterCollection.set({ of: "used" }, heap.used);
      metrics().heapAfterCollection.set({ of: "limit" }, heap.limit);
      if (ratio < shedAt) {
        if (episode && ratio < calmAt) {
          log.info(
            {
              heapUsedMiB: mib(heap.used),
              heapLimitMiB: mib(heap.limit),
              peakMiB: mib(episode.peak),
              passes: episode.passes,
              shedEntries: episode.shed.entries,
              shedMiB: mib(episode.shed.bytes),
              seconds: Math.round((now() - episode.started) / 1000),
            },
            "heap pressure over",
          );
          episode = null;
        }
        return "calm";
      }
      if (now() - lastShed < minGapMs) return "waiting";
      lastShed = now();
      const fraction = ratio >= emptyAt ? 1 : 0.5;
      const shed = shedCaches(fraction);
      const total = { entries: 0, bytes: 0 };
      for (const [cache, size] of shed) {
        total.entries += size.entries;
        total.bytes += size.bytes;
        metrics().cacheShedBytes.inc({ cache }, size.bytes);
      }
      if (!episode) {
        episode = { started: now(), passes: 0, shed: { entries: 0, bytes: 0 }, peak: heap.used };
        metrics().heapPressureEpisodes.inc();
        log.warn(
          {
            heapUsedMiB: mib(heap.used),
            heapLimitMiB: mib(heap.limit),
            fraction,
            shed: Object.fromEntries([...shed].map(([cache, size]) => [cache, size.entries])),
            shedMiB: mib(total.bytes),
            heldMiB: Object.fromEntries([...cacheSizes()].map(([cache, size]) => [cache, mib(size.bytes)])),
          },
          "heap near its limit: caches shed",
        );
      }
      episode.passes++;
      episode.peak = Math.max(episode.peak, heap.used);
      episode.shed.entries += total.entries;
      episode.shed.bytes += total.bytes;
      return "shed";
    },
  };
}

const WATCHING = Symbol.for("pinhole.heapWatch");

/**
 * Watches the heap after each full collection for the life of the process (once per process,
 * whichever module world asks first). After a full collection what is used is what is live, so
 * garbage waiting for the collector never counts as pressure.
 */
export function startHeapWatch(): void {
  const holder = globalThis as unknown as Record<symbol, boolean | undefined>;
  if (holder[WATCHING]) return;
  holder[WATCHING] = true;
  const watch = createHeapWatch();
  const observer = new PerformanceObserver((list) => {
    const major = list
      .getEntries()
      .some(
        (entry) =>
          (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ===
          constants.NODE_PERFORMANCE_GC_MAJOR,
      );
    if (major) watch.check();
  });
  observer.observe({ entryTypes: ["gc"] });
}
