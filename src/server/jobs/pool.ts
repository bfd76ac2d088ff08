import "server-only";
import pg from "pg";
import { env } from "@/env";
import { AppError } from "@/server/errors/app-error";
import { logger } from "@/server/log/logger";

/** Image jobs each worker process runs at once (decoding is memory-hungry; 2 keeps both cores busy). */
export const IMAGE_CONCURRENCY = 2;
/**
 * One more slot, for photo jobs not queued behind their owner's others (enqueue.ts): a person's
 * first photo starts at once even while both image slots work through someone's import.
 */
export const EXPRESS_CONCURRENCY = 1;
/** Other jobs (file deletes, sweeps, pruning) run alongside, in their own pool of workers. */
export const OTHER_CONCURRENCY = 2;

const state = globalThis as unknown as { pinholeJobsPool?: pg.Pool };

/**
 * graphile-worker's own small pool: each runner holds one connection for LISTEN and one per running
 * job, cron one more. Apart from the process's pool (src/server/db/pool.ts) on purpose: LISTEN holds a
 * session for the process's life, which a transaction pooler cannot carry (so DIRECT_DATABASE_URL when
 * set), and busy jobs must not take the connections pages need. It exists only where jobs run.
 */
export function jobsPool(): pg.Pool {
  if (!state.pinholeJobsPool) {
    const config = env();
    const connectionString = config.DIRECT_DATABASE_URL ?? config.DATABASE_URL;
    if (!connectionString) throw new AppError("internal", "the job queue needs DATABASE_URL");
    const pool = new pg.Pool({
      connectionString,
      max: IMAGE_CONCURRENCY + EXPRESS_CONCURRENCY + OTHER_CONCURRENCY + 4,
    });
    // An idle connection the server dropped: the pool replaces it; graphile-worker retries its own.
    pool.on("error", (error) =>
      logger().warn({ err: error, component: "jobs" }, "job queue connection lost"),
    );
    // A checked-out client's error (the LISTEN connection's, say) is graphile-worker's to retry; without
    // a handler it would crash the process.
    pool.on("connect", (client) =>
      client.on("error", (error) =>
        logger().warn({ err: error, component: "jobs" }, "job queue client error"),
      ),
    );
    state.pinholeJobsPool = pool;
  }
  return state.pinholeJobsPool;
}

export async function closeJobsPool(): Promise<void> {
  const pool = state.pinholeJobsPool;
  state.pinholeJobsPool = undefined;
  await pool?.end();
}
