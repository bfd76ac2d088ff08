import "server-only";
import type { Counter, Histogram } from "prom-client";
import { env } from "@/env";
import { db } from "@/server/db/client";
import { readJobQueue } from "./collect-job-queue";
import { pageCacheStats } from "./page-cache-stats";
import { metrics } from "./registry";

export interface KeyMetrics {
  /** From the database: the same on every instance. */
  uploadsToday: number;
  uploadBytesToday: number;
  storedBytes: number;
  queueDepth: number;
  oldestJobAgeSeconds: number;
  /** HEALTH_MAX_JOB_LAG_SECONDS: past it /api/health calls the queue lagging. */
  maxJobLagSeconds: number;
  failedJobsLast24h: number;
  /** From this server's counters, since it started (other instances keep their own). */
  downloadsSinceStart: number;
  downloadBytesSinceStart: number;
  /**
   * Upper bound of the request-time bucket holding the 99th percentile (Infinity past the last, 30 s);
   * null before any timed request, or with request timing off (METRICS_TOKEN unset).
   */
  p99LatencySeconds: number | null;
  /** Hits over lookups of the anonymous-page cache; null before any lookup. */
  cacheHitRatio: number | null;
  /** When this server started counting. */
  since: Date;
}

/**
 * The operator's summary for the admin page. The caller decides who may see it (an admin); nothing
 * here is about any one person.
 */
export async function readKeyMetrics(now = new Date()): Promise<KeyMetrics> {
  const startOfDay = new Date(now);
  startOfDay.setUTCHours(0, 0, 0, 0);
  const [[photos], [failed], queue] = await Promise.all([
    db().$queryRaw<{ uploads_today: number; bytes_today: bigint; stored_bytes: bigint }[]>`
      SELECT count(*) FILTER (WHERE created_at >= ${startOfDay})::int AS uploads_today,
             coalesce(sum(byte_size) FILTER (WHERE created_at >= ${startOfDay}), 0)::bigint AS bytes_today,
             coalesce(sum(byte_size), 0)::bigint AS stored_bytes
        FROM photos WHERE deleted_at IS NULL`,
    db().$queryRaw<{ failed: number }[]>`
      SELECT count(*)::int AS failed FROM graphile_worker.jobs
       WHERE attempts >= max_attempts AND locked_at IS NULL
         AND updated_at >= ${new Date(now.getTime() - 86_400_000)}`,
    readJobQueue(),
  ]);
  const m = metrics();
  const cache = pageCacheStats();
  const lookups = cache.hits + cache.misses + cache.stale;
  return {
    uploadsToday: photos?.uploads_today ?? 0,
    uploadBytesToday: Number(photos?.bytes_today ?? 0),
    storedBytes: Number(photos?.stored_bytes ?? 0),
    queueDepth: Object.values(queue.depth).reduce((a, b) => a + b, 0),
    oldestJobAgeSeconds: Math.round(queue.oldestDueAgeSeconds),
    maxJobLagSeconds: env().HEALTH_MAX_JOB_LAG_SECONDS,
    failedJobsLast24h: failed?.failed ?? 0,
    downloadsSinceStart: await sumOf(m.downloads),
    downloadBytesSinceStart: await sumOf(m.downloadBytes),
    p99LatencySeconds: await percentile(m.httpDuration, 0.99),
    cacheHitRatio: lookups === 0 ? null : cache.hits / lookups,
    since: new Date(Date.now() - process.uptime() * 1000),
  };
}

async function sumOf(metric: Counter<string>): Promise<number> {
  return (await metric.get()).values.reduce((sum, v) => sum + v.value, 0);
}

/**
 * The smallest bucket bound under which `q` of all observations fall, across every label: Infinity
 * when they fall past the last bound, null with no observations.
 */
export async function percentile(histogram: Histogram<string>, q: number): Promise<number | null> {
  const byBound = new Map<number, number>();
  for (const v of (await histogram.get()).values) {
    if (!v.metricName?.endsWith("_bucket")) continue;
    const le = v.labels.le === "+Inf" ? Infinity : Number(v.labels.le);
    byBound.set(le, (byBound.get(le) ?? 0) + v.value);
  }
  const total = byBound.get(Infinity) ?? 0;
  if (total === 0) return null;
  const bounds = [...byBound.keys()].sort((a, b) => a - b);
  const bound = bounds.find((le) => (byBound.get(le) ?? 0) >= q * total);
  return bound ?? null;
}
