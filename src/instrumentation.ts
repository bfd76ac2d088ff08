import type { Instrumentation } from "next";

// Runs once per server process before it takes requests: a bad setting or an unreachable database
// stops start-up here with one line, instead of failing on the first page view.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  // Before any render: React's and Next's unread abort reasons would keep every render alive
  // (src/server/memory/release-abort-stacks.ts).
  const { releaseAbortReasonStacks } = await import("@/server/memory/release-abort-stacks");
  releaseAbortReasonStacks();
  const { configureSharp } = await import("@/server/images/configure-sharp");
  configureSharp();
  const { env } = await import("@/env");
  const config = env();
  // A heap near its limit sheds the in-process caches before V8 gives up (src/server/memory).
  const { startHeapWatch } = await import("@/server/memory/watch-heap");
  startHeapWatch();
  if (config.MIGRATE_ON_START && config.DATABASE_URL) {
    const { migrate, migrationTarget } = await import("@/server/db/migrate");
    const target = migrationTarget(config);
    await migrate(target.url, undefined, target.setting);
  }
  // The process's one pool, registered before any request: Next's page-cache handler borrows it.
  if (config.DATABASE_URL) {
    const { pgPool } = await import("@/server/db/pool");
    pgPool();
  }
  // Request timing costs a few spans per request: only when someone can read the metrics.
  if (config.METRICS_TOKEN) {
    const { timeHttpRequests } = await import("@/server/metrics/time-http-requests");
    timeHttpRequests();
  }
  // On a Node host this server runs jobs and the crontab's sweeps itself unless JOBS_IN_WEB=false
  // (then `npm run worker` does); on Vercel, after() and Cron's /api/jobs/run run them instead.
  if (config.DATABASE_URL && config.JOBS_IN_WEB && !process.env.VERCEL) {
    const { startJobs, stopJobs } = await import("@/server/jobs/runner");
    await startJobs();
    // SIGTERM: once the requests in flight are done, running jobs are handed back (src/server/http/drain.ts).
    const { onShutdown } = await import("@/server/http/shutdown");
    onShutdown("jobs", stopJobs);
  }
}

// Errors a page, layout, route handler or server action let escape: one JSON line with the request
// id src/proxy.ts gave the request (route handlers log what they catch in errorResponse).
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logger } = await import("@/server/log/logger");
  const requestId = request.headers["x-request-id"];
  logger().error(
    {
      err: error,
      requestId: typeof requestId === "string" ? requestId : undefined,
      method: request.method,
      route: context.routePath,
      routeType: context.routeType,
    },
    "unhandled error in a request",
  );
};
