import "server-only";
import pg from "pg";
import { env } from "@/env";
import { StartupError } from "./errors";

// The registry's key. Next's page-cache handler (src/server/cache/page-cache-handler.mjs) is loaded
// by path outside the app's bundle and finds the same pool under this symbol.
const POOL = Symbol.for("pinhole.pgPool");

const holder = globalThis as unknown as Record<typeof POOL, pg.Pool | undefined>;

/**
 * The process's one pool on DATABASE_URL (the primary), DATABASE_POOL_SIZE connections at most:
 * Prisma's adapter, the page cache's version lookups and the job engine all draw from it, so ten
 * app servers open ten times DATABASE_POOL_SIZE connections, not a multiple of it. Replicas keep
 * their own pools (src/server/db/client.ts).
 *
 * No startup parameters beyond the URL's (no `options`, no `statement_timeout`): PgBouncer refuses
 * them ("unsupported startup parameter"). Statements are unnamed (Prisma's adapter names none), so a
 * transaction pooler may hand each transaction to any server connection.
 */
export function pgPool(): pg.Pool {
  if (holder[POOL]) return holder[POOL];
  const { DATABASE_URL: url, DATABASE_POOL_SIZE: max } = env();
  if (!url) {
    throw new StartupError(
      "DATABASE_URL is not set: start Pinhole with `npm run dev` or `npm start` (they start the embedded PostgreSQL), or set DATABASE_URL",
    );
  }
  const pool = new pg.Pool({ connectionString: url, max, application_name: "pinhole" });
  // An idle connection dropped (a database restart, a pooler recycling it): the pool replaces it on
  // the next query. Without a listener the 'error' event would end the process.
  pool.on("error", () => undefined);
  holder[POOL] = pool;
  return pool;
}

/** Ends the pool (scripts and tests that are done with the database); the next pgPool() opens a new one. */
export async function closePgPool(): Promise<void> {
  const pool = holder[POOL];
  holder[POOL] = undefined;
  await pool?.end();
}
