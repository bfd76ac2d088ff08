import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { installJobQueue } from "@/server/jobs/install-job-queue";
import { logger } from "@/server/log/logger";
import { StartupError, withClient } from "./errors";

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
  /** What the migrations applied now reported (RAISE NOTICE), also kept in `_prisma_migrations.logs`. */
  notices: { migration: string; message: string }[];
}

/** Where migrations run: DIRECT_DATABASE_URL when set (past a transaction pooler), else DATABASE_URL. */
export function migrationTarget(config: { DATABASE_URL?: string; DIRECT_DATABASE_URL?: string }): {
  url: string;
  setting: string;
} {
  if (config.DIRECT_DATABASE_URL) return { url: config.DIRECT_DATABASE_URL, setting: "DIRECT_DATABASE_URL" };
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, setting: "DATABASE_URL" };
  throw new StartupError("DATABASE_URL is not set: there is no database to migrate");
}

/**
 * Applies pending migrations, each in its own transaction (as `prisma migrate deploy` does, so a
 * later migration can use an enum value an earlier one added), each transaction holding Prisma's
 * advisory lock: two instances starting together apply each migration once, and a failing migration
 * leaves nothing of itself behind.
 *
 * The lock is transaction-scoped (`pg_advisory_xact_lock`), never a session lock: through a
 * transaction pooler (PgBouncer in transaction mode, Neon's or Supabase's pooled URL) consecutive
 * statements may run on different server connections, and a session lock taken on one would stay
 * held by the pooler's connection after this process is gone. It excludes Prisma's session lock on
 * the same key all the same.
 */
export async function migrate(
  connectionString: string,
  dir?: string,
  setting = "DATABASE_URL",
): Promise<MigrateResult> {
  const migrations = await readMigrations(dir);
  return withClient(connectionString, setting, async (client) => {
    const result: MigrateResult = { applied: [], modified: [], notices: [] };
    const done = await locked(client, async () => {
      // graphile-worker's schema first, on its own connection while this transaction's lock keeps
      // other instances waiting: the app's migrations may add jobs (the old outbox's move did).
      await installJobQueue(connectionString);
      await client.query(CREATE_MIGRATIONS_TABLE);
      await turnOffJit(client);
      return appliedMigrations(client);
    });
    for (const m of migrations) {
      const applied = done.get(m.name);
      if (applied !== undefined) {
        if (applied !== m.checksum) result.modified.push(m.name);
        continue;
      }
      // Read again under the lock: another instance may have applied it since.
      const now = await applyOne(client, m);
      if (!now) continue;
      result.applied.push(m.name);
      for (const message of now.notices) {
        result.notices.push({ migration: m.name, message });
        logger().info({ migration: m.name }, message);
      }
    }
    return result;
  });
}

/** Runs `work` in a transaction that holds the migration lock; rolls back if it throws. */
async function locked<T>(client: pg.Client, work: () => Promise<T>): Promise<T> {
  await client.query("BEGIN ISOLATION LEVEL READ COMMITTED");
  try {
    // Taken before anything is read: whoever waited for it then sees what the holder committed.
    await client.query("SELECT pg_advisory_xact_lock($1)", [PRISMA_ADVISORY_LOCK]);
    const value = await work();
    await client.query("COMMIT");
    return value;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/**
 * No JIT for this database's sessions: PostgreSQL compiles any query the planner guesses is costly (a
 * search over a million photos), which adds tens of milliseconds of LLVM to queries that then run in
 * a few. Set on the database rather than per connection (`options=-c jit=off`), which PgBouncer
 * refuses; checked on every start because a restore into a new database (pg_restore without
 * --create) does not carry database settings. A role that may not alter the database keeps JIT.
 */
async function turnOffJit(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ setconfig: string[] | null }>(
    `SELECT s.setconfig FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase
      WHERE d.datname = current_database() AND s.setrole = 0`,
  );
  if (rows[0]?.setconfig?.includes("jit=off")) return;
  const { rows: names } = await client.query<{ name: string }>("SELECT current_database() AS name");
  // Inside the migration lock's transaction: a refusal must not abort it.
  await client.query("SAVEPOINT jit");
  try {
    await client.query(`ALTER DATABASE ${client.escapeIdentifier(names[0]!.name)} SET jit = off`);
    await client.query("RELEASE SAVEPOINT jit");
  } catch (error) {
    await client.query("ROLLBACK TO SAVEPOINT jit");
    // 42501: not the database's owner (a managed service's restricted role): queries still work.
    if ((error as { code?: string }).code !== "42501") throw error;
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

/**
 * Applies `m` unless it was applied meanwhile (null); what it reported with RAISE NOTICE is kept in
 * `_prisma_migrations.logs` (as Prisma's column is meant for) and returned for the log.
 */
async function applyOne(client: pg.Client, m: Migration): Promise<{ notices: string[] } | null> {
  const id = randomUUID();
  const notices: string[] = [];
  const onNotice = (notice: { message?: string }) => {
    if (notice.message) notices.push(notice.message);
  };
  client.on("notice", onNotice);
  try {
    return await locked(client, async () => {
      const { rowCount } = await client.query(
        `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1 AND rolled_back_at IS NULL`,
        [m.name],
      );
      if (rowCount) return null;
      await client.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
         VALUES ($1, $2, $3, now(), 0)`,
        [id, m.checksum, m.name],
      );
      await client.query(m.sql);
      await client.query(
        `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1, logs = $2 WHERE id = $1`,
        [id, notices.length > 0 ? notices.join("\n") : null],
      );
      return { notices };
    });
  } catch (error) {
    throw new StartupError(`Migration ${m.name} failed: ${(error as Error).message}`, { cause: error });
  } finally {
    client.off("notice", onNotice);
  }
}
