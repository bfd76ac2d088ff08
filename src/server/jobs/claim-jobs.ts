import "server-only";
import { env } from "@/env";
import { db } from "@/server/db/client";

export interface ClaimedJob {
  id: string;
  kind: string;
  payload: unknown;
  photo_id: string | null;
  attempts: number;
  max_attempts: number;
}

/**
 * Claims due jobs for this worker. SKIP LOCKED lets any number of app instances claim at once
 * without taking the same job; a RUNNING job whose lock expired is taken over.
 */
export async function claimJobs(workerId: string, limit: number): Promise<ClaimedJob[]> {
  // A worker that held a job this long without finishing is presumed dead (killed mid-job).
  const lockTimeoutS = env().JOBS_LOCK_TIMEOUT_SECONDS;
  return db().$queryRaw<ClaimedJob[]>`
    UPDATE jobs SET status = 'RUNNING', locked_at = now(), locked_by = ${workerId}, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM jobs
      WHERE (status = 'PENDING' AND run_at <= now())
         OR (status = 'RUNNING' AND locked_at < now() - make_interval(secs => ${lockTimeoutS}))
      ORDER BY run_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, kind, payload, photo_id, attempts, max_attempts`;
}

export async function completeJob(id: string, workerId: string): Promise<void> {
  await db().job.updateMany({
    where: { id, lockedBy: workerId, status: "RUNNING" },
    data: { status: "DONE", finishedAt: new Date(), lockedAt: null, lastError: null },
  });
}

/** Back to the queue after a delay that doubles with each attempt (2 s, 4 s, 8 s … capped at 10 min). */
export async function retryJob(id: string, workerId: string, attempts: number, error: string): Promise<void> {
  const delayS = Math.min(2 ** attempts, 600);
  await db().job.updateMany({
    where: { id, lockedBy: workerId, status: "RUNNING" },
    data: {
      status: "PENDING",
      runAt: new Date(Date.now() + delayS * 1000),
      lockedAt: null,
      lastError: error,
    },
  });
}

export async function failJob(id: string, workerId: string, error: string): Promise<void> {
  await db().job.updateMany({
    where: { id, lockedBy: workerId, status: "RUNNING" },
    data: { status: "FAILED", finishedAt: new Date(), lockedAt: null, lastError: error },
  });
}
