import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { installJobQueue } from "@/server/jobs/install-job-queue";
import { describeConnectionError, StartupError } from "./errors";

// The key `prisma migrate deploy` locks with, so this migrator and Prisma's never run at the same time.
const PRISMA_ADVISORY_LOCK = 72707369;

// The same table Prisma creates, so an operator can switch to `prisma migrate deploy` at any time.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface Migration {
  name: string;
  sql: string;
  /** sha256 of the file's bytes, hex: what Prisma stores in `_prisma_migrations.checksum`. */
  checksum: string;
}

// turbopackIgnore: the folder is read at run time; tracing it statically would pull in the whole project.
export const defaultMigrationsDir = () =>
  path.join(/* turbopackIgnore: true */ process.cwd(), "prisma", "migrations");

export async function readMigrations(dir = defaultMigrationsDir()): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

export interface MigrateResult {
  applied: string[];
  /** Applied earlier, but the file on disk no longer matches what was applied. */
  modified: string[];
}

/**
 * Applies pending migrations while holding Prisma's advisory lock, each in its own transaction (as
 * `prisma migrate deploy` does, so a later migration can use an enum value an earlier one added):
 * two instances starting together apply each migration once, and a failing migration leaves
 * nothing of itself behind.
 */
export async function migrate(connectionString: string, dir?: string): Promise<MigrateResult> {
  const migrations = await readMigrations(dir);
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    throw describeConnectionError(error, connectionString, "DATABASE_URL");
  }
  try {
    // A session lock, taken before anything is read: whoever waits for it then sees what the
    // holder applied, whatever the database's default isolation level.
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
    // graphile-worker's schema first: the app's migrations may add jobs (the old outbox's move did).
    await installJobQueue(connectionString);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const done = await appliedMigrations(client);

    const result: MigrateResult = { applied: [], modified: [] };
    for (const m of migrations) {
      const applied = done.get(m.name);
      if (applied !== undefined) {
        if (applied !== m.checksum) result.modified.push(m.name);
        continue;
      }
      await applyOne(client, m);
      result.applied.push(m.name);
    }
    return result;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

async function appliedMigrations(client: pg.Client): Promise<Map<string, string>> {
  const { rows } = await client.query<{
    migration_name: string;
    checksum: string;
    finished_at: Date | null;
    rolled_back_at: Date | null;
  }>(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`);
  const done = new Map<string, string>();
  for (const row of rows) {
    if (row.rolled_back_at) continue;
    if (!row.finished_at) {
      throw new StartupError(
        `Migration ${row.migration_name} failed earlier and is marked unfinished in _prisma_migrations; ` +
          "repair the database, then resolve it with `prisma migrate resolve`",
      );
    }
    done.set(row.migration_name, row.checksum);
  }
  return done;
}

async function applyOne(client: pg.Client, m: Migration): Promise<void> {
  const id = randomUUID();
  try {
    await client.query("BEGIN ISOLATION LEVEL READ COMMITTED");
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), 0)`,
      [id, m.checksum, m.name],
    );
    await client.query(m.sql);
    await client.query(
      `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
      [id],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw new StartupError(`Migration ${m.name} failed: ${(error as Error).message}`, { cause: error });
  }
}
