import "server-only";
import type { JobHelpers, Task, TaskList } from "graphile-worker";
import { AppError } from "@/server/errors/app-error";
import { logger } from "@/server/log/logger";
import { metrics } from "@/server/metrics/registry";
import { deletePhotoFiles } from "./handlers/delete-photo-files";
import { failPhoto, processPhoto } from "./handlers/process-photo";
import { purgeMedia } from "./handlers/purge-media";
import { sendMail } from "./handlers/send-mail";
import type { TaskName } from "./kinds";
import { makeSharedOriginalJob } from "@/server/media/shared-original";
import { pruneJobs } from "./prune-jobs";
import { sweep } from "./sweep";

const log = () => logger().child({ component: "jobs" });

// Bad input will fail the same way every time: no point retrying it.
function isBadInput(error: unknown): error is AppError {
  return (
    error instanceof AppError &&
    (error.code === "unprocessable" || error.code === "payload_too_large" || error.code === "bad_request")
  );
}

function photoIdOf(payload: unknown): string | undefined {
  const id = (payload as { photoId?: unknown } | null)?.photoId;
  return typeof id === "string" ? id : undefined;
}

async function processPhotoTask(payload: unknown, helpers: JobHelpers): Promise<void> {
  const photoId = photoIdOf(payload);
  if (!photoId) throw new AppError("bad_request", "a process-photo job without a photoId");
  try {
    await processPhoto(photoId, {
      newMediaVersion: (payload as { newMediaVersion?: unknown }).newMediaVersion === true,
    });
  } catch (error) {
    const lastAttempt = helpers.job.attempts >= helpers.job.max_attempts;
    if (!isBadInput(error) && !lastAttempt) throw error;
    // The compensating step: the owner reads why, and whatever was written so far goes.
    const reason = isBadInput(error) ? error.message : "processing failed; try uploading the photo again";
    await failPhoto(photoId, reason, isBadInput(error)).catch((e: unknown) =>
      log().error({ err: e, jobId: helpers.job.id, photoId }, "job compensation failed"),
    );
    throw error;
  }
}

/**
 * Wraps a task with the metrics and the failure rules graphile-worker does not have: a bad-input error
 * (a damaged upload) fails at once and is not retried (the job completes: its photo carries the
 * reason, and it is counted and logged as the uploader's problem, not the operator's); anything else
 * is retried with graphile-worker's backoff until the job's attempts run out.
 */
function instrumented(kind: string, task: Task): Task {
  return async (payload, helpers) => {
    const started = performance.now();
    const observe = (outcome: "done" | "retried" | "failed") =>
      metrics().jobDuration.observe({ kind, outcome }, (performance.now() - started) / 1000);
    const { id, attempts, max_attempts: maxAttempts } = helpers.job;
    try {
      await task(payload, helpers);
      observe("done");
    } catch (error) {
      if (isBadInput(error)) {
        observe("failed");
        metrics().jobFailures.inc({ kind, reason: "bad_input" });
        log().warn({ err: error, jobId: id, kind, attempts, reason: "bad_input" }, "job failed");
        return;
      }
      if (attempts >= maxAttempts) {
        observe("failed");
        metrics().jobFailures.inc({ kind, reason: "exhausted" });
        log().error({ err: error, jobId: id, kind, attempts, reason: "exhausted" }, "job failed");
      } else {
        observe("retried");
        log().warn({ err: error, jobId: id, kind, attempts }, "job will retry");
      }
      throw error;
    }
  };
}

const handlers: Record<TaskName, Task> = {
  "process-photo": processPhotoTask,
  "make-shared-original": async (payload) => {
    const photoId = photoIdOf(payload);
    if (!photoId) throw new AppError("bad_request", "a make-shared-original job without a photoId");
    await makeSharedOriginalJob(photoId);
  },
  "delete-photo-files": (payload) => deletePhotoFiles(payload),
  "purge-media": (payload) => purgeMedia(payload),
  "send-mail": (payload) => sendMail(payload),
  sweep: async () => {
    await sweep({ runJobs: false });
  },
  prune: async () => {
    await pruneJobs();
  },
};

/** The handlers of the given kinds, instrumented. */
export function taskList(kinds: readonly TaskName[]): TaskList {
  return Object.fromEntries(kinds.map((k) => [k, instrumented(k, handlers[k])]));
}
