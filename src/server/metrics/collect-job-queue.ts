import "server-only";
import { db } from "@/server/db/client";
import { metrics } from "./registry";

export interface JobQueueState {
  /** Pending or running jobs, by kind. */
  depth: Record<string, number>;
  /** Seconds the oldest due pending job has waited (0 when none is due). */
  oldestDueAgeSeconds: number;
}

/**
 * Reads the shared job queue (graphile-worker's `jobs` view): jobs waiting or running, by kind, and the
 * oldest due one's wait. Jobs that failed for good are not queued; the admin page lists them.
 */
export async function readJobQueue(): Promise<JobQueueState> {
  const rows = await db().$queryRaw<{ kind: string; depth: number; oldest_due_age: number | null }[]>`
    SELECT task_identifier AS kind,
           count(*)::int AS depth,
           extract(epoch FROM now() - min(run_at) FILTER (WHERE locked_at IS NULL AND run_at <= now()))::float8
             AS oldest_due_age
      FROM graphile_worker.jobs
     WHERE attempts < max_attempts OR locked_at IS NOT NULL
     GROUP BY task_identifier`;
  const depth: Record<string, number> = {};
  let oldest = 0;
  for (const row of rows) {
    depth[row.kind] = row.depth;
    oldest = Math.max(oldest, row.oldest_due_age ?? 0);
  }
  return { depth, oldestDueAgeSeconds: oldest };
}

/** Sets the queue gauges from the table, just before a scrape. */
export async function collectJobQueue(): Promise<void> {
  const state = await readJobQueue();
  const m = metrics();
  // Kinds that emptied out drop to 0 rather than keeping their last value.
  m.jobQueueDepth.reset();
  for (const kind of ["process-photo", "delete-photo-files", ...Object.keys(state.depth)]) {
    m.jobQueueDepth.set({ kind }, state.depth[kind] ?? 0);
  }
  m.jobOldestDueAge.set(state.oldestDueAgeSeconds);
}
