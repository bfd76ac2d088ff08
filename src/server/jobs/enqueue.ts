import "server-only";
import type { DbTransaction } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";

export type JobKind = "process-photo" | "make-shared-original" | "delete-photo-files" | "send-mail";

type Tx = Pick<DbTransaction, "$executeRaw">;

export interface JobSpec {
  kind: JobKind;
  /** process-photo: the photo, and its owner (fairness is by owner); make-shared-original: the photo. */
  photoId?: string;
  ownerId?: string;
  payload?: Record<string, unknown>;
  runAt?: Date;
}

// graphile_worker's priority column is a smallint.
const MAX_PRIORITY = 32_767;
/** Attempts before a job fails for good (graphile-worker's backoff: e^attempt seconds, ~1.5 min in all). */
export const MAX_ATTEMPTS = 5;

/**
 * Flags a photo job queued behind others of its owner's: the express runner (runner.ts) leaves those
 * to the image runners, so a person's first photo never waits for a free slot behind a burst.
 */
export const QUEUED_BEHIND_FLAG = "queued-behind";

/**
 * Adds a job in the caller's transaction (graphile-worker's `add_job`): the job commits with the change
 * that needs it, and the commit's NOTIFY wakes the workers.
 *
 * A photo's job is keyed by owner and photo (never queued twice) and its priority is the number of that
 * owner's photo jobs already waiting, so one person's 2 000-photo import does not hold up someone else's
 * first photo: the newcomer's job gets priority 0 and runs next, in the express slot if both image
 * slots are busy with the burst (which is flagged QUEUED_BEHIND_FLAG).
 */
export async function enqueueJob(tx: Tx, job: JobSpec): Promise<void> {
  const payload = JSON.stringify({ ...job.payload, photoId: job.photoId, ownerId: job.ownerId });
  const runAt = job.runAt ?? null;
  if (job.kind === "process-photo") {
    if (!job.photoId || !job.ownerId)
      throw new AppError("internal", "a process-photo job needs photoId and ownerId");
    const prefix = photoJobKeyPrefix(job.ownerId);
    await tx.$executeRaw`
      WITH waiting AS (
        SELECT least(count(*), ${MAX_PRIORITY})::int AS n FROM graphile_worker.jobs
         WHERE key LIKE ${prefix + "%"} AND attempts < max_attempts)
      SELECT graphile_worker.add_job(
        'process-photo', ${payload}::json,
        run_at => ${runAt}::timestamptz,
        max_attempts => ${MAX_ATTEMPTS}::int,
        job_key => ${prefix + job.photoId},
        priority => waiting.n,
        flags => CASE WHEN waiting.n > 0 THEN ARRAY[${QUEUED_BEHIND_FLAG}::text] END)
      FROM waiting`;
    return;
  }
  await tx.$executeRaw`
    SELECT graphile_worker.add_job(${job.kind}, ${payload}::json,
      run_at => ${runAt}::timestamptz, max_attempts => ${MAX_ATTEMPTS}::int)`;
}

/** A photo job's key starts with its owner: the queue can count an owner's waiting jobs by it. */
export function photoJobKeyPrefix(ownerId: string): string {
  return `process-photo:${ownerId}:`;
}
