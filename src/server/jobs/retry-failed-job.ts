import "server-only";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { requireAdmin } from "@/server/policy/admin";
import type { Viewer } from "@/server/policy/viewer";

/**
 * An admin runs a job that failed for good once more, now, with its attempts reset (graphile-worker's
 * `reschedule_jobs`); a photo it failed goes back to processing. Only a failed, unlocked job qualifies.
 */
export async function retryFailedJob(viewer: Viewer, jobId: string): Promise<void> {
  requireAdmin(viewer);
  if (!/^\d{1,18}$/.test(jobId)) throw new AppError("not_found", "No such failed job");
  const id = BigInt(jobId);
  await db().$transaction(async (tx) => {
    const rescheduled = await tx.$queryRaw<{ id: bigint; payload: unknown }[]>`
      SELECT id, payload FROM graphile_worker.reschedule_jobs(
        ARRAY(SELECT id FROM graphile_worker.jobs WHERE id = ${id} AND attempts >= max_attempts),
        run_at => now(), attempts => 0)`;
    if (rescheduled.length === 0) throw new AppError("not_found", "No such failed job");
    const photoId = (rescheduled[0]!.payload as { photoId?: unknown } | null)?.photoId;
    if (typeof photoId === "string") {
      await tx.photo.updateMany({
        where: { id: photoId, status: "FAILED" },
        data: { status: "PROCESSING", failureReason: null },
      });
    }
  });
}
