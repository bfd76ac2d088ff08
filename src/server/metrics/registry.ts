import "server-only";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { cacheSizes } from "@/server/memory/cache-registry";
import { pageCacheStats } from "./page-cache-stats";

// Seconds: most requests and queries take milliseconds, photo processing takes seconds.
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const DB_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5];
const JOB_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    uploads: new Counter({
      name: "pinhole_uploads_total",
      help: "Photos uploaded (committed; duplicates not counted)",
      registers,
    }),
    uploadBytes: new Counter({
      name: "pinhole_upload_bytes_total",
      help: "Bytes of the originals of committed uploads",
      registers,
    }),
    downloads: new Counter({
      name: "pinhole_downloads_total",
      help: "Media responses with a body, by variant (w<width> as served, or original)",
      labelNames: ["variant"] as const,
      registers,
    }),
    downloadBytes: new Counter({
      name: "pinhole_download_bytes_total",
      help: "Bytes of media responses, by variant",
      labelNames: ["variant"] as const,
      registers,
    }),
    jobDuration: new Histogram({
      name: "pinhole_job_duration_seconds",
      help: "Time a job's handler ran, by kind and outcome (done, retried, failed)",
      labelNames: ["kind", "outcome"] as const,
      buckets: JOB_BUCKETS,
      registers,
    }),
    jobFailures: new Counter({
      name: "pinhole_job_failures_total",
      help: "Jobs that failed for good, by kind and reason (exhausted: out of attempts; bad_input: e.g. a damaged upload)",
      labelNames: ["kind", "reason"] as const,
      registers,
    }),
    // Both computed from graphile-worker's jobs at scrape time (collect-job-queue.ts): every instance
    // reports the same shared queue, so aggregate them with max(), not sum().
    jobQueueDepth: new Gauge({
      name: "pinhole_job_queue_depth",
      help: "Jobs pending or running, by kind (the shared queue; the same on every instance)",
      labelNames: ["kind"] as const,
      registers,
    }),
    jobOldestDueAge: new Gauge({
      name: "pinhole_job_oldest_due_age_seconds",
      help: "How long the oldest due job has waited to run (0 when none is due)",
      registers,
    }),
    httpDuration: new Histogram({
      name: "pinhole_http_request_duration_seconds",
      help: "Time to answer a request, by method, route pattern (never raw ids) and status",
      labelNames: ["method", "route", "status"] as const,
      buckets: HTTP_BUCKETS,
      registers,
    }),
    dbQueryDuration: new Histogram({
      name: "pinhole_db_query_duration_seconds",
      help: "Time of the app's database queries, by statement (select, insert, update, delete, other)",
      labelNames: ["statement"] as const,
      buckets: DB_BUCKETS,
      registers,
    }),
    // Counted by the page cache handler, which Next loads outside the app's bundle: it keeps plain
    // numbers on globalThis and this counter reports them at scrape time.
    pageCache: new Counter({
      name: "pinhole_page_cache_requests_total",
      help: "Page cache lookups for anonymous visitors' pages, by result (hit, miss, stale)",
      labelNames: ["result"] as const,
      registers,
      collect() {
        const stats = pageCacheStats();
        this.reset();
        this.inc({ result: "hit" }, stats.hits);
        this.inc({ result: "miss" }, stats.misses);
        this.inc({ result: "stale" }, stats.stale);
      },
    }),
    // Originals without their location (src/server/media/shared-original.ts): each is made once per
    // photo; a request that found the image queue full was answered 503.
    sharedOriginalsMade: new Counter({
      name: "pinhole_shared_originals_made_total",
      help: "Originals without their location made and stored, by where (job, request)",
      labelNames: ["where"] as const,
      registers,
    }),
    imageQueueRejections: new Counter({
      name: "pinhole_image_queue_rejections_total",
      help: "Requests answered 503 because the request path's image queue was full",
      registers,
    }),
    // The heap watch (src/server/memory/watch-heap.ts): episodes of a heap near its limit, and what
    // the in-process caches gave back in them.
    heapAfterCollection: new Gauge({
      name: "pinhole_heap_after_full_gc_bytes",
      help: "V8's used heap right after the last full collection (the live set), next to its limit",
      labelNames: ["of"] as const,
      registers,
    }),
    heapPressureEpisodes: new Counter({
      name: "pinhole_heap_pressure_episodes_total",
      help: "Times the heap neared its limit after a full collection and the in-process caches were shed",
      registers,
    }),
    cacheShedBytes: new Counter({
      name: "pinhole_cache_shed_bytes_total",
      help: "Bytes the in-process caches dropped under heap pressure, by cache",
      labelNames: ["cache"] as const,
      registers,
    }),
    cacheBytes: new Gauge({
      name: "pinhole_cache_bytes",
      help: "Bytes held by each in-process cache (page, media, kv), as the cache counts them",
      labelNames: ["cache"] as const,
      registers,
      collect() {
        this.reset();
        for (const [cache, size] of cacheSizes()) this.set({ cache }, size.bytes);
      },
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

// One registry per process: Next's dev server re-evaluates modules, and the app, the
// instrumentation hook and the route handlers are separate bundles.
const globalForMetrics = globalThis as unknown as { pinholeMetrics?: Metrics };

export function metrics(): Metrics {
  globalForMetrics.pinholeMetrics ??= createMetrics();
  return globalForMetrics.pinholeMetrics;
}
