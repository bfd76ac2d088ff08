import "server-only";
import { env } from "@/env";
import { recomputeInterestingness } from "@/server/data/explore/recompute-interestingness";
import { purgeExpiredTrash } from "@/server/data/trash/purge-expired-trash";
import { db } from "@/server/db/client";
import { logger } from "@/server/log/logger";
import { storage } from "@/server/storage/storage";
import { sweepReceivingFiles } from "@/server/uploads/receive-upload";
import { recoverAbandonedJobs } from "./leases";
import { kickJobs } from "./runner";

/**
 * The scheduled sweep (graphile-worker's crontab on a Node host, the cron endpoint on Vercel): removes
 * the files of uploads that never committed, so nothing is orphaned, deletes photos that have been in
 * the trash for TRASH_DAYS (their files in a job), recomputes explore's "interesting" scores when they
 * are due, and with `runJobs` (the cron endpoint) runs due jobs here.
 */
export async function sweep(
  options: { runJobs?: boolean } = {},
): Promise<{ orphansRemoved: number; trashPurged: number; interestingnessUpdated: number | null }> {
  // Each step stands alone: a store that is down or lacks an operation (s3rver has no
  // ListMultipartUploads) must not stop the jobs below from running; what failed is tried next time.
  let orphansRemoved = 0;
  // An upload that has not committed its photo within this long was cut off (crash, kill -9).
  const cutoff = new Date(Date.now() - env().UPLOAD_ABANDONED_AFTER_SECONDS * 1000);
  try {
    const abandoned = await db()
      .$primary()
      .uploadIntent.findMany({ where: { createdAt: { lt: cutoff } }, take: 500 });
    for (const intent of abandoned) {
      // The intent goes only once its file is gone, so a failed delete is retried by the next sweep.
      await storage().delete(intent.key);
      await db()
        .uploadIntent.delete({ where: { id: intent.id } })
        .catch(() => undefined);
      orphansRemoved++;
    }
  } catch (error) {
    logger().error({ err: error, component: "jobs" }, "removing abandoned uploads failed");
  }
  orphansRemoved += await sweepReceivingFiles(cutoff);
  // Half-written objects of a killed put: temp files, unfinished multipart uploads. Never younger
  // than a minute, whatever the setting: another server may be writing them right now.
  orphansRemoved += await storage()
    .sweepTempFiles(Math.max(env().UPLOAD_ABANDONED_AFTER_SECONDS * 1000, 60_000))
    .catch((error: unknown) => {
      // One line: a store without multipart listing (s3rver) says so on every sweep.
      logger().error(
        { component: "jobs", reason: error instanceof Error ? error.message : String(error) },
        "sweeping the store's temporary files failed",
      );
      return 0;
    });
  // An indexed read of the expired rows only (photos_trash_expiry_idx): cheap on every sweep.
  const trashPurged = await purgeExpiredTrash().catch((error: unknown) => {
    logger().error({ err: error, component: "jobs" }, "deleting expired trash failed");
    return 0;
  });
  // Due at most every INTERESTINGNESS_INTERVAL_SECONDS across servers; a failure waits for the next sweep
  // rather than holding up the jobs below.
  const interesting = await recomputeInterestingness({
    minIntervalSeconds: env().INTERESTINGNESS_INTERVAL_SECONDS,
  }).catch((error: unknown) => {
    logger().error({ err: error, component: "jobs" }, "interestingness recompute failed");
    return null;
  });
  if (options.runJobs ?? true) {
    // The backstop where no live runner recovers dead workers' jobs as it beats (Vercel).
    await recoverAbandonedJobs().catch((error: unknown) =>
      logger().error({ err: error, component: "jobs" }, "recovering abandoned jobs failed"),
    );
    await kickJobs();
  }
  return {
    orphansRemoved,
    trashPurged,
    interestingnessUpdated: interesting?.ran ? interesting.updated : null,
  };
}
