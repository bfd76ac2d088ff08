// Runs once per server process before it takes requests: a bad setting or an unreachable database
// stops start-up here with one line, instead of failing on the first page view.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/env");
  const config = env();
  if (config.MIGRATE_ON_START && config.DATABASE_URL) {
    const { migrate } = await import("@/server/db/migrate");
    await migrate(config.DATABASE_URL);
  }
}
