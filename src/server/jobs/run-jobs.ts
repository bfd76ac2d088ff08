import "server-only";
import { randomUUID } from "node:crypto";
import os from "node:os";
import { AppError } from "@/server/errors/app-error";
import { logger } from "@/server/log/logger";
import { metrics } from "@/server/metrics/registry";
import { claimJobs, completeJob, failJob, retryJob, type ClaimedJob } from "./claim-jobs";
import { deletePhotoFiles } from "./handlers/delete-photo-files";
import { failPhoto, processPhoto } from "./handlers/process-photo";

const WORKER_ID = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
const log = () => logger().child({ component: "jobs" });

async function execute(job: ClaimedJob): Promise<void> {
  switch (job.kind) {
    case "process-photo":
      if (job.photo_id) await processPhoto(job.photo_id);
      return;
    case "delete-photo-files":
      await deletePhotoFiles(job.payload);
      return;
    default:
      throw new AppError("bad_request", `unknown job kind ${job.kind}`);
  }
}

// Bad input will fail the same way every time: no point retrying it.
function isPermanent(error: unknown): boolean {
  return (
    error instanceof AppError &&
    (error.code === "unprocessable" || error.code === "payload_too_large" || error.code === "bad_request")
  );
}

async function onPermanentFailure(job: ClaimedJob, error: unknown): Promise<void> {
  if (job.kind === "process-photo" && job.photo_id) {
    const badInput = isPermanent(error);
    const reason = badInput
      ? (error as AppError).message
      : "processing failed; try uploading the photo again";
    await failPhoto(job.photo_id, reason, badInput);
  }
}

export interface RunResult {
  done: number;
  retried: number;
  failed: number;
}

/** Runs due jobs one at a time (images are memory-hungry) until none is due or the time is up. */
export async function runDueJobs(options: { maxMs?: number } = {}): Promise<RunResult> {
  const deadline = Date.now() + (options.maxMs ?? 25_000);
  const result: RunResult = { done: 0, retried: 0, failed: 0 };
  while (Date.now() < deadline) {
    const [job] = await claimJobs(WORKER_ID, 1);
    if (!job) break;
    const started = performance.now();
    const observe = (outcome: "done" | "retried" | "failed") =>
      metrics().jobDuration.observe({ kind: job.kind, outcome }, (performance.now() - started) / 1000);
    try {
      await execute(job);
      observe("done");
      await completeJob(job.id, WORKER_ID);
      result.done++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (isPermanent(error) || job.attempts >= job.max_attempts) {
        // A damaged upload is the uploader's problem, not the operator's: counted apart, logged as a warning.
        const reason = isPermanent(error) ? "bad_input" : "exhausted";
        observe("failed");
        metrics().jobFailures.inc({ kind: job.kind, reason });
        log()[reason === "bad_input" ? "warn" : "error"](
          { err: error, jobId: job.id, kind: job.kind, attempts: job.attempts, reason },
          "job failed",
        );
        await onPermanentFailure(job, error).catch((e: unknown) =>
          log().error({ err: e, jobId: job.id, kind: job.kind }, "job compensation failed"),
        );
        await failJob(job.id, WORKER_ID, message);
        result.failed++;
      } else {
        observe("retried");
        log().warn({ err: error, jobId: job.id, kind: job.kind, attempts: job.attempts }, "job will retry");
        await retryJob(job.id, WORKER_ID, job.attempts, message);
        result.retried++;
      }
    }
  }
  return result;
}

const state = globalThis as unknown as { pinholeJobsRunning?: Promise<void>; pinholeJobsAgain?: boolean };

/**
 * Starts a run in this process unless one is going; a kick during a run makes it go round once more,
 * so work enqueued meanwhile is not left for the sweep.
 */
export function kickJobs(): Promise<void> {
  if (state.pinholeJobsRunning) {
    state.pinholeJobsAgain = true;
    return state.pinholeJobsRunning;
  }
  state.pinholeJobsRunning = (async () => {
    try {
      do {
        state.pinholeJobsAgain = false;
        await runDueJobs();
      } while (state.pinholeJobsAgain);
    } catch (error) {
      log().error({ err: error }, "job run failed");
    } finally {
      state.pinholeJobsRunning = undefined;
    }
  })();
  return state.pinholeJobsRunning;
}
