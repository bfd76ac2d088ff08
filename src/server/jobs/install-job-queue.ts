import "server-only";
import { runMigrations } from "graphile-worker";
import { workerLogger } from "./logger";

/**
 * Installs or upgrades graphile-worker's schema (graphile_worker) with its own migrations. The
 * migrator calls it under its advisory lock before the app's migrations, which may use add_job.
 */
export async function installJobQueue(connectionString: string): Promise<void> {
  await runMigrations({ connectionString, maxPoolSize: 1, logger: workerLogger });
}
