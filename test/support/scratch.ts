// Throw-away databases on a PostgreSQL server. Used by the global setup (which runs outside the test
// workers) and by test/support/db.ts (inside them); it imports nothing from Vitest for that reason.
import { randomBytes } from "node:crypto";
import pg from "pg";

export interface ScratchDatabase {
  /** Connection URL of the new, empty database. */
  url: string;
  name: string;
  /** Drops the database, closing any connection still open to it. Safe to call twice. */
  drop(): Promise<void>;
}

/** The same server and credentials as `url`, with another database name. */
export function urlForDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** Runs `fn` with a connected client and always closes it. */
export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Creates `pinhole_test_<random>` on the server `serverUrl` points at. The connection goes to the
 * database named in `serverUrl` only to issue CREATE/DROP DATABASE; its tables are never touched.
 */
export async function createDatabaseOn(serverUrl: string): Promise<ScratchDatabase> {
  const name = `pinhole_test_${randomBytes(6).toString("hex")}`;
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`));
  let dropped = false;
  return {
    name,
    url: urlForDatabase(serverUrl, name),
    async drop() {
      if (dropped) return;
      // WITH (FORCE): PostgreSQL 13+; ends sessions a failed test may have left open.
      await withClient(serverUrl, (c) =>
        c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`),
      );
      dropped = true;
    },
  };
}
