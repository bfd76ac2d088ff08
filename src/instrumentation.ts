// Runs once per server process before it takes requests: a bad setting or an unreachable database
// stops start-up here with one line, instead of failing on the first page view.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { env } = await import("@/env");
  const config = env();
  if (config.MIGRATE_ON_START && config.DATABASE_URL) {
    const { migrate } = await import("@/server/db/migrate");
    await migrate(config.DATABASE_URL);
  }
  // On a Node host the sweep runs on a timer; on Vercel, Cron calls /api/jobs/run instead.
  if (config.DATABASE_URL && config.JOBS_SWEEP_INTERVAL_SECONDS > 0 && !process.env.VERCEL) {
    const { startSweepTimer } = await import("@/server/jobs/sweep-timer");
    startSweepTimer(config.JOBS_SWEEP_INTERVAL_SECONDS * 1000);
  }
}
