import "server-only";
import { makeWorkerUtils } from "graphile-worker";
import { env } from "@/env";
import { db } from "@/server/db/client";
import { jobsPool } from "./pool";
import { ALL_TASKS } from "./kinds";

/**
 * Removes jobs that failed for good more than JOBS_FAILED_RETENTION_DAYS ago (graphile-worker deletes a
 * job the moment it succeeds; failed ones stay for the admin page until then) with graphile-worker's
 * own `complete_jobs`, then runs its garbage collection of unused queues and task names.
 */
export async function pruneJobs(): Promise<{ pruned: number }> {
  const days = env().JOBS_FAILED_RETENTION_DAYS;
  const pruned = await db().$queryRaw<{ id: bigint }[]>`
    SELECT id FROM graphile_worker.complete_jobs(ARRAY(
      SELECT id FROM graphile_worker.jobs
       WHERE attempts >= max_attempts AND locked_at IS NULL
         AND updated_at < now() - make_interval(days => ${days})))`;
  const utils = await makeWorkerUtils({ pgPool: jobsPool() });
  try {
    await utils.cleanup({
      tasks: ["GC_JOB_QUEUES", "GC_TASK_IDENTIFIERS"],
      taskIdentifiersToKeep: [...ALL_TASKS],
    });
  } finally {
    await utils.release();
  }
  return { pruned: pruned.length };
}
