import "server-only";
import { parseCronItems, run, runOnce, type CronItem, type Runner } from "graphile-worker";
import { env } from "@/env";
import { logger } from "@/server/log/logger";
import { leaseEvents, releaseLeases } from "./leases";
import { workerLogger } from "./logger";
import { closeJobsPool, IMAGE_CONCURRENCY, jobsPool, OTHER_CONCURRENCY } from "./pool";
import { IMAGE_TASKS, OTHER_TASKS } from "./kinds";
import { taskList } from "./tasks";

// How long a stopping process lets running jobs finish before handing them back to the queue.
const STOP_GRACE_MS = 10_000;

interface JobsState {
  runners?: Runner[];
  once?: Promise<void>;
  again?: boolean;
}
const state = globalThis as unknown as { pinholeJobs?: JobsState };
const jobs = (): JobsState => (state.pinholeJobs ??= {});

/**
 * The scheduled work on graphile-worker's crontab (one schedule per minute across every process):
 * the sweep every JOBS_SWEEP_INTERVAL_SECONDS rounded to whole minutes (0: never), pruning hourly.
 */
export function cronItems(): CronItem[] {
  const sweepMinutes = Math.round(env().JOBS_SWEEP_INTERVAL_SECONDS / 60);
  const once = { backfillPeriod: 0, maxAttempts: 1 };
  const items: CronItem[] = [{ task: "prune", identifier: "prune", match: "7 * * * *", options: once }];
  if (env().JOBS_SWEEP_INTERVAL_SECONDS > 0) {
    items.push({
      task: "sweep",
      identifier: "sweep",
      match: sweepMinutes <= 1 ? "* * * * *" : `*/${Math.min(sweepMinutes, 59)} * * * *`,
      options: once,
    });
  }
  return items;
}

/**
 * Starts this process's job runners: image jobs two at a time, everything else alongside, new jobs
 * picked up by LISTEN/NOTIFY the moment they commit. A no-op if they are running already.
 */
export async function startJobs(): Promise<void> {
  if (jobs().runners) return;
  const common = {
    pgPool: jobsPool(),
    logger: workerLogger,
    noHandleSignals: true,
    pollInterval: 2_000,
  };
  // Two runners because graphile-worker's concurrency is per runner, not per task.
  const images = await run({
    ...common,
    concurrency: IMAGE_CONCURRENCY,
    taskList: taskList(IMAGE_TASKS),
    parsedCronItems: [],
    events: leaseEvents(),
  });
  const others = await run({
    ...common,
    concurrency: OTHER_CONCURRENCY,
    taskList: taskList(OTHER_TASKS),
    parsedCronItems: parseCronItems(cronItems()),
    events: leaseEvents(),
  }).catch(async (error: unknown) => {
    await images.stop();
    throw error;
  });
  jobs().runners = [images, others];
}

/** True when this process runs jobs continuously (startJobs ran). */
export function jobsRunning(): boolean {
  return jobs().runners !== undefined;
}

/**
 * Stops this process's runners: no new job is taken, running ones get a short grace to finish, then
 * are handed back to the queue (another worker retries them). Safe to call when none run.
 */
export async function stopJobs(): Promise<void> {
  const { runners } = jobs();
  state.pinholeJobs = {};
  if (runners) {
    await Promise.all(
      runners.map(async (runner) => {
        let timer: NodeJS.Timeout | undefined;
        const grace = new Promise<"late">((resolve) => {
          timer = setTimeout(() => resolve("late"), STOP_GRACE_MS);
        });
        const outcome = await Promise.race([runner.stop("stopping").then(() => "stopped" as const), grace]);
        clearTimeout(timer);
        if (outcome === "late") await runner.kill("stopping: handing running jobs back");
      }),
    );
  }
  await releaseLeases().catch((error: unknown) =>
    logger().warn({ err: error, component: "jobs" }, "removing this process's job leases failed"),
  );
  await closeJobsPool();
}

/**
 * Runs due jobs now in this process, for hosts without a long-lived runner (Vercel: after a response
 * and from the cron endpoint). Where runners are up they already have the job (LISTEN), and with
 * JOBS_IN_WEB=false the workers do: nothing to do. A kick during a run makes it go round once more.
 */
export function kickJobs(): Promise<void> {
  if (jobsRunning() || !env().JOBS_IN_WEB || !env().DATABASE_URL) return Promise.resolve();
  const s = jobs();
  if (s.once) {
    s.again = true;
    return s.once;
  }
  s.once = (async () => {
    try {
      do {
        s.again = false;
        await runOnce({
          pgPool: jobsPool(),
          logger: workerLogger,
          noHandleSignals: true,
          taskList: taskList([...IMAGE_TASKS, "delete-photo-files", "purge-media"]),
          events: leaseEvents(),
        });
      } while (s.again);
    } catch (error) {
      logger().error({ err: error, component: "jobs" }, "job run failed");
    } finally {
      s.once = undefined;
    }
  })();
  return s.once;
}
