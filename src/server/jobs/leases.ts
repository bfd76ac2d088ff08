import "server-only";
import { EventEmitter } from "node:events";
import type { WorkerEvents } from "graphile-worker";
import { env } from "@/env";
import { logger } from "@/server/log/logger";
import { jobsPool } from "./pool";

// graphile-worker locks a job for 4 hours: a long job is never retaken, but a worker killed mid-job
// would hold its jobs that long. So each of this process's worker pools beats in `job_workers` while
// the process lives (a timer, not the job: a long job keeps beating), and `recoverAbandonedJobs` hands
// back the jobs of pools silent for JOBS_LOCK_TIMEOUT_SECONDS (graphile-worker's force_unlock_workers):
// every live process runs it as it beats, and the cron endpoint's sweep where no process lives.

const state = globalThis as unknown as {
  pinholeJobPools?: Set<string>;
  pinholeJobPoolsEver?: Set<string>;
  pinholeJobBeat?: NodeJS.Timeout;
};
const pools = (): Set<string> => (state.pinholeJobPools ??= new Set());
const poolsEver = (): Set<string> => (state.pinholeJobPoolsEver ??= new Set());

async function beat(ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await jobsPool().query(
    `INSERT INTO job_workers (pool_id, heartbeat_at, expires_at)
     SELECT unnest($1::text[]), now(), now() + make_interval(secs => $2)
     ON CONFLICT (pool_id) DO UPDATE SET heartbeat_at = now(), expires_at = EXCLUDED.expires_at`,
    [ids, env().JOBS_LOCK_TIMEOUT_SECONDS],
  );
}

function beatAll(): void {
  beat([...pools()]).catch((error: unknown) =>
    logger().warn({ err: error, component: "jobs" }, "job worker heartbeat failed"),
  );
}

// Every live process also looks for dead workers' jobs as it beats: one small query, so a killed
// worker's photo runs again within a lock timeout or so, not on the next cron minute.
function tick(): void {
  beatAll();
  recoverAbandonedJobs().catch((error: unknown) =>
    logger().warn({ err: error, component: "jobs" }, "recovering abandoned jobs failed"),
  );
}

/** Events for a runner: its worker pool beats from creation until release. */
export function leaseEvents(): WorkerEvents {
  const events: WorkerEvents = new EventEmitter();
  events.on("pool:create", ({ workerPool }) => {
    pools().add(workerPool.id);
    poolsEver().add(workerPool.id);
    beatAll();
    if (!state.pinholeJobBeat) {
      const everyMs = Math.min(15_000, (env().JOBS_LOCK_TIMEOUT_SECONDS * 1000) / 3);
      state.pinholeJobBeat = setInterval(tick, everyMs);
      state.pinholeJobBeat.unref();
    }
  });
  events.on("pool:release", ({ workerPool }) => {
    pools().delete(workerPool.id);
    if (pools().size === 0) stopBeating();
    jobsPool()
      .query("DELETE FROM job_workers WHERE pool_id = $1", [workerPool.id])
      .catch(() => undefined);
  });
  return events;
}

function stopBeating(): void {
  clearInterval(state.pinholeJobBeat);
  state.pinholeJobBeat = undefined;
}

/** On shutdown, after the runners stopped: this process's pools are gone, not merely silent. */
export async function releaseLeases(): Promise<void> {
  stopBeating();
  const ids = [...poolsEver()];
  pools().clear();
  poolsEver().clear();
  if (ids.length) await jobsPool().query("DELETE FROM job_workers WHERE pool_id = ANY($1::text[])", [ids]);
}

/**
 * Hands back jobs locked by worker pools silent past their own JOBS_LOCK_TIMEOUT_SECONDS (each beat
 * records its expiry: processes may be configured differently), or that never beat and hold a job
 * longer than this process's timeout (killed mid-job); they run again on the next poll. Returns how
 * many jobs went back.
 */
export async function recoverAbandonedJobs(): Promise<number> {
  const timeoutS = env().JOBS_LOCK_TIMEOUT_SECONDS;
  const { rows } = await jobsPool().query<{ pool: string; jobs: number }>(
    `SELECT j.locked_by AS pool, count(*)::int AS jobs
       FROM graphile_worker.jobs j
      WHERE j.locked_by IS NOT NULL
        AND j.locked_at < now() - make_interval(secs => $1)
        AND NOT EXISTS (SELECT 1 FROM job_workers w WHERE w.pool_id = j.locked_by AND w.expires_at > now())
      GROUP BY j.locked_by`,
    [timeoutS],
  );
  const dead = rows.map((r) => r.pool);
  if (dead.length > 0) {
    await jobsPool().query("SELECT graphile_worker.force_unlock_workers($1::text[])", [dead]);
    logger().warn({ component: "jobs", pools: dead }, "handed back the jobs of silent workers");
  }
  await jobsPool().query("DELETE FROM job_workers WHERE expires_at < now() - make_interval(secs => $1)", [
    timeoutS * 10,
  ]);
  return rows.reduce((n, r) => n + r.jobs, 0);
}
