import "server-only";
import { once } from "node:events";
import { env } from "@/env";
import { redis } from "@/server/cache/redis";
import { db } from "@/server/db/client";
import { logger } from "@/server/log/logger";
import { readJobQueue } from "@/server/metrics/collect-job-queue";
import { storage } from "@/server/storage/storage";

const CHECK_TIMEOUT_MS = 2_000;

export interface CheckResult {
  status: "ok" | "fail" | "skipped";
  latencyMs: number;
  /** Why it failed, in a few words (the full error goes to the log, not to whoever asks). */
  error?: string;
  [detail: string]: unknown;
}

export interface HealthReport {
  /**
   * ok: all checks pass. degraded: this instance serves, but something shared is wrong (Redis
   * down: the site falls back to the database; the job queue lagging: taking instances out of the
   * load balancer would not help it). fail: the database or storage is unreachable from here.
   */
  status: "ok" | "degraded" | "fail";
  checks: { database: CheckResult; storage: CheckResult; redis: CheckResult; jobs: CheckResult };
}

class TimeoutError extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** What a check found: extra numbers to report and, when it answered but is not well, why. */
interface Finding {
  details?: Record<string, unknown>;
  problem?: string;
}

async function check(name: string, run: () => Promise<Finding | void>): Promise<CheckResult> {
  const started = performance.now();
  const latencyMs = () => Math.round((performance.now() - started) * 10) / 10;
  try {
    const found = (await withTimeout(run(), CHECK_TIMEOUT_MS)) ?? {};
    const result: CheckResult = { status: found.problem ? "fail" : "ok", latencyMs: latencyMs() };
    if (found.problem) result.error = found.problem;
    return { ...result, ...found.details };
  } catch (error) {
    logger().warn({ err: error, check: name }, "health check failed");
    const reason = error instanceof TimeoutError ? "timed out" : "unreachable";
    return { status: "fail", latencyMs: latencyMs(), error: reason };
  }
}

const globalForHealth = globalThis as unknown as { pinholeHealth?: Promise<HealthReport> };

/**
 * For load balancers (/api/health): can this instance serve, and is anything shared wrong? The
 * endpoint needs no token, so callers arriving while a check runs share its answer: a flood of
 * requests costs one round of checks at a time.
 */
export function checkHealth(): Promise<HealthReport> {
  globalForHealth.pinholeHealth ??= runChecks().finally(() => {
    globalForHealth.pinholeHealth = undefined;
  });
  return globalForHealth.pinholeHealth;
}

async function runChecks(): Promise<HealthReport> {
  const maxLag = env().HEALTH_MAX_JOB_LAG_SECONDS;
  const client = redis();
  const [database, store, cache, jobs] = await Promise.all([
    check("database", async () => {
      await db().$queryRaw`SELECT 1`;
    }),
    check("storage", async () => {
      await storage().check();
      return { details: { driver: storage().driver } };
    }),
    client
      ? check("redis", async () => {
          // Commands fail at once while the connection is not up (no offline queue): a first
          // check just after start waits for it instead of reporting Redis down.
          if (client.status !== "ready") {
            await once(client, "ready", { signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
          }
          await client.ping();
        })
      : Promise.resolve<CheckResult>({ status: "skipped", latencyMs: 0, reason: "REDIS_URL is not set" }),
    check("jobs", async () => {
      const { oldestDueAgeSeconds } = await readJobQueue();
      const lag = Math.round(oldestDueAgeSeconds);
      return {
        details: { oldestDueAgeSeconds: lag, maxLagSeconds: maxLag },
        problem: lag > maxLag ? "the oldest due job has waited too long" : undefined,
      };
    }),
  ]);
  const status =
    database.status === "fail" || store.status === "fail"
      ? "fail"
      : cache.status === "fail" || jobs.status === "fail"
        ? "degraded"
        : "ok";
  return { status, checks: { database, storage: store, redis: cache, jobs } };
}
