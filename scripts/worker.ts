// `npm run worker`: a process that runs background jobs and the crontab's sweeps, and serves no pages,
// so image work can move off the web servers (run them with JOBS_IN_WEB=false). It needs DATABASE_URL:
// the embedded database belongs to the launcher that started it (`npm run db` prints its URL).
// SIGTERM or SIGINT: no new job is taken, running ones finish or are handed back, then it exits.
import nextEnv from "@next/env";
import { EnvError, parseEnv } from "@/env";
import { StartupError, redactUrl } from "@/server/db/errors";

async function main(): Promise<void> {
  nextEnv.loadEnvConfig(process.cwd(), false);
  const config = parseEnv(process.env);
  if (!config.DATABASE_URL) {
    throw new StartupError(
      "the worker needs DATABASE_URL: the site's PostgreSQL (for the embedded one, `npm run db` prints its URL)",
    );
  }
  if (config.MIGRATE_ON_START) {
    const { migrate } = await import("@/server/db/migrate");
    await migrate(config.DATABASE_URL);
  }
  const { configureSharp } = await import("@/server/images/configure-sharp");
  configureSharp();
  const { startJobs, stopJobs } = await import("@/server/jobs/runner");
  const { IMAGE_CONCURRENCY, OTHER_CONCURRENCY } = await import("@/server/jobs/pool");
  await startJobs();
  console.log(
    `pinhole worker: running jobs on ${redactUrl(config.DATABASE_URL)} (image jobs ${IMAGE_CONCURRENCY} at a time, others ${OTHER_CONCURRENCY})`,
  );
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  console.log("pinhole worker: stopping (running jobs finish or go back to the queue)");
  await stopJobs();
  const { db } = await import("@/server/db/client");
  await db().$disconnect();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof EnvError)
      console.error(`pinhole worker: invalid configuration: ${error.issues.join("; ")}`);
    else if (error instanceof StartupError) console.error(`pinhole worker: ${error.message}`);
    else console.error("pinhole worker: failed:", error);
    process.exit(1);
  },
);
