import "server-only";
import { parseCronItems, run, runOnce, type CronItem, type Runner } from "graphile-worker";
import { env } from "@/env";
import { logger } from "@/server/log/logger";
import { leaseEvents, releaseLeases } from "./leases";
import { workerLogger } from "./logger";
import { QUEUED_BEHIND_FLAG } from "./enqueue";
import { closeJobsPool, EXPRESS_CONCURRENCY, IMAGE_CONCURRENCY, jobsPool, OTHER_CONCURRENCY } from "./pool";
import { IMAGE_TASKS, OTHER_TASKS } from "./kinds";
import { taskList } from "./tasks";

// How long a stopping process lets running jobs finish before handing them back to the queue.
const STOP_GRACE_MS = 10_000;

interface JobsState {
  /** startJobs ran and stopJobs has not: runners are up, or being brought back. */
  continuous?: boolean;
  runners?: Runner[];
  restart?: NodeJS.Timeout;
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
 * Starts this process's job runners: image jobs two at a time (plus an express slot for a person's
 * first photo), everything else alongside, new jobs
 * picked up by LISTEN/NOTIFY the moment they commit. A no-op if they are running already. A runner
 * that ends by itself is brought back (see restartLater).
 */
export async function startJobs(): Promise<void> {
  const s = jobs();
  if (s.continuous) return;
  s.continuous = true;
  try {
    await startRunners();
  } catch (error) {
    s.continuous = false;
    throw error;
  }
}

async function startRunners(): Promise<void> {
  const common = {
    pgPool: jobsPool(),
    logger: workerLogger,
    noHandleSignals: true,
    pollInterval: 2_000,
    // Batched completion (at once: delay 0) is the path on which a job's outcome that cannot be
    // recorded (PostgreSQL restarting) shuts the runner down, which runnerEnded then replaces and
    // whose jobs go back through their leases. Unbatched, such a failure is an unhandled rejection
    // and the job stays locked by a live runner for graphile-worker's 4 hours.
    preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
  };
  // Runners by kind of work because graphile-worker's concurrency is per runner, not per task.
  const images = await run({
    ...common,
    concurrency: IMAGE_CONCURRENCY,
    taskList: taskList(IMAGE_TASKS),
    parsedCronItems: [],
    events: leaseEvents(),
  });
  const started: Runner[] = [images];
  try {
    // The express slot: photo jobs not queued behind their owner's others (enqueue.ts).
    started.push(
      await run({
        ...common,
        concurrency: EXPRESS_CONCURRENCY,
        taskList: taskList(IMAGE_TASKS),
        forbiddenFlags: [QUEUED_BEHIND_FLAG],
        parsedCronItems: [],
        events: leaseEvents(),
      }),
    );
    started.push(
      await run({
        ...common,
        concurrency: OTHER_CONCURRENCY,
        taskList: taskList(OTHER_TASKS),
        parsedCronItems: parseCronItems(cronItems()),
        events: leaseEvents(),
      }),
    );
  } catch (error) {
    await Promise.all(started.map(stopRunner));
    throw error;
  }
  const runners = started;
  jobs().runners = runners;
  for (const runner of runners) {
    runner.promise.then(
      () => runnerEnded(runner, undefined),
      (error: unknown) => runnerEnded(runner, error),
    );
  }
}

/**
 * graphile-worker shuts a whole runner down when one of its workers cannot record a job's outcome
 * (the database restarted mid-job: "one of the workers exited prematurely"). Nothing would take jobs
 * again in this process, so both runners are replaced; the interrupted job goes back to the queue
 * through its lease (leases.ts) once its lock times out.
 */
function runnerEnded(runner: Runner, error: unknown): void {
  const s = jobs();
  if (!s.continuous || !s.runners?.includes(runner)) return;
  logger().error({ err: error, component: "jobs" }, "a job runner stopped by itself; starting them again");
  const rest = s.runners.filter((r) => r !== runner);
  s.runners = undefined;
  void Promise.all(rest.map(stopRunner)).then(() => restartLater(1));
}

/** Tries again with a growing pause (1 s to 30 s) while the database is still away. */
function restartLater(attempt: number): void {
  const s = jobs();
  if (!s.continuous) return;
  const delay = Math.min(30_000, 1_000 * 2 ** (attempt - 1));
  s.restart = setTimeout(() => {
    s.restart = undefined;
    if (!s.continuous || s.runners) return;
    startRunners().then(
      () => logger().info({ component: "jobs" }, "job runners started again"),
      (error: unknown) => {
        logger().warn({ err: error, component: "jobs", attempt }, "starting the job runners again failed");
        restartLater(attempt + 1);
      },
    );
  }, delay);
  s.restart.unref();
}

/** Stops one runner: a short grace for running jobs, then they are handed back to the queue. */
async function stopRunner(runner: Runner): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), STOP_GRACE_MS);
  });
  const outcome = await Promise.race([
    runner.stop("stopping").then(
      () => "stopped" as const,
      () => "stopped" as const,
    ),
    grace,
  ]);
  clearTimeout(timer);
  if (outcome === "late") await runner.kill("stopping: handing running jobs back").catch(() => undefined);
}

/** True when this process runs jobs continuously (startJobs ran; its runners may be coming back). */
export function jobsRunning(): boolean {
  return jobs().continuous === true;
}

/**
 * Stops this process's runners: no new job is taken, running ones get a short grace to finish, then
 * are handed back to the queue (another worker retries them). Safe to call when none run.
 */
export async function stopJobs(): Promise<void> {
  const { runners, restart } = jobs();
  clearTimeout(restart);
  state.pinholeJobs = {};
  if (runners) await Promise.all(runners.map(stopRunner));
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
