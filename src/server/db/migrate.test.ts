// The migrator against real, empty PostgreSQL databases (one scratch database per test).
import { createHash, randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase, withClient, type ScratchDatabase } from "../../../test/support/db";
import { freePort } from "./embedded";
import { StartupError } from "./errors";
import { defaultMigrationsDir, migrate, readMigrations } from "./migrate";

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
}

const scratch: ScratchDatabase[] = [];
async function emptyDatabase(): Promise<string> {
  const db = await createScratchDatabase();
  scratch.push(db);
  return db.url;
}
afterEach(async () => {
  await Promise.all(scratch.splice(0).map((db) => db.drop()));
});

let tempRoot: string;
beforeAll(async () => {
  tempRoot = await mkdtemp(path.join(os.tmpdir(), "pinhole-migrations-"));
});
afterAll(async () => {
  await rm(tempRoot, { recursive: true, force: true });
});

/** A migrations folder holding the given migration.sql files, in a fresh temporary directory. */
async function migrationsDir(files: Record<string, string>): Promise<string> {
  const dir = path.join(tempRoot, randomBytes(4).toString("hex"));
  await mkdir(dir);
  for (const [name, sql] of Object.entries(files)) await addMigration(dir, name, sql);
  return dir;
}

async function addMigration(dir: string, name: string, sql: string): Promise<void> {
  await mkdir(path.join(dir, name), { recursive: true });
  await writeFile(path.join(dir, name, "migration.sql"), sql);
}

/** The project's migrations with sha256 computed here, from the file bytes. */
async function projectMigrations(): Promise<{ name: string; checksum: string }[]> {
  const dir = defaultMigrationsDir();
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => ({
      name,
      checksum: createHash("sha256")
        .update(await readFile(path.join(dir, name, "migration.sql")))
        .digest("hex"),
    })),
  );
}

function recorded(url: string): Promise<MigrationRow[]> {
  return withClient(url, async (c) => {
    const { rows } = await c.query<MigrationRow>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count
         FROM "_prisma_migrations" ORDER BY migration_name, started_at`,
    );
    return rows;
  });
}

function tablesIn(url: string): Promise<string[]> {
  return withClient(url, async (c) => {
    const { rows } = await c.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    return rows.map((r) => r.table_name);
  });
}

describe("migrate", () => {
  it("applies every migration to an empty database and records it like prisma migrate deploy", async () => {
    const url = await emptyDatabase();
    const expected = await projectMigrations();
    expect(expected.length).toBeGreaterThan(0);

    const result = await migrate(url);

    expect(result).toMatchObject({ applied: expected.map((m) => m.name), modified: [] });
    const rows = await recorded(url);
    expect(rows.map((r) => ({ name: r.migration_name, checksum: r.checksum }))).toEqual(expected);
    for (const row of rows) {
      expect(row.applied_steps_count).toBe(1);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
    }
    expect(await tablesIn(url)).toEqual(
      expect.arrayContaining(["_prisma_migrations", "users", "albums", "photos"]),
    );
    // The checksum readMigrations reports is the same one.
    expect((await readMigrations()).map((m) => m.checksum)).toEqual(expected.map((m) => m.checksum));
  });

  it("applies nothing the second time", async () => {
    const url = await emptyDatabase();
    await migrate(url);
    const before = await recorded(url);

    expect(await migrate(url)).toEqual({ applied: [], modified: [], notices: [] });
    expect(await recorded(url)).toEqual(before);
  });

  it("applies each migration once when two migrate() calls start together", async () => {
    const url = await emptyDatabase();
    const names = (await projectMigrations()).map((m) => m.name);

    const results = await Promise.all([migrate(url), migrate(url)]);

    // The lock is taken per migration (a transaction pooler keeps no session lock): the two may
    // share the work, but every migration is applied by exactly one of them, in order.
    expect(results.flatMap((r) => r.applied).sort()).toEqual(names);
    const rows = await recorded(url);
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    expect(rows.every((r) => r.finished_at !== null && r.applied_steps_count === 1)).toBe(true);
  });

  it("turns JIT off for the database's sessions and leaves no advisory lock behind", async () => {
    const url = await emptyDatabase();
    await migrate(url);
    await withClient(url, async (c) => {
      expect((await c.query<{ jit: string }>("SHOW jit")).rows[0]?.jit).toBe("off");
      const { rowCount } = await c.query(
        `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = 72707369
            AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      );
      expect(rowCount).toBe(0);
    });
  });

  it("a failing migration leaves nothing of itself behind; the ones before it stay applied", async () => {
    const url = await emptyDatabase();
    const dir = await migrationsDir({
      "20990101000000_good": `CREATE TABLE "good" ("id" INTEGER PRIMARY KEY);`,
      "20990101000001_broken": `CREATE TABLE "broken" ("id" INTEGER PRIMARY KEY);\nCREATE TABLE oops (;`,
    });

    const failure = migrate(url, dir);
    await expect(failure).rejects.toBeInstanceOf(StartupError);
    await expect(failure).rejects.toThrow(/^Migration 20990101000001_broken failed: /);
    // The PostgreSQL error is kept as the cause (42601: syntax error).
    await expect(failure).rejects.toMatchObject({ cause: { code: "42601" } });

    expect(await tablesIn(url)).toEqual(["_prisma_migrations", "good"]);
    expect((await recorded(url)).map((r) => r.migration_name)).toEqual(["20990101000000_good"]);
  });

  it("applies a migration that uses an enum value added by the one before it, both pending", async () => {
    const url = await emptyDatabase();
    const dir = await migrationsDir({
      "20990101000000_enum": `CREATE TYPE "mood" AS ENUM ('HAPPY');`,
      "20990101000001_add_value": `ALTER TYPE "mood" ADD VALUE 'SAD';`,
      "20990101000002_use_value": `CREATE TABLE "t" ("m" "mood" NOT NULL DEFAULT 'SAD');`,
    });
    expect((await migrate(url, dir)).applied).toHaveLength(3);
  });

  it("applies each migration once even when the database defaults to serializable transactions", async () => {
    const url = await emptyDatabase();
    const name = new URL(url).pathname.slice(1);
    await withClient(url, (c) =>
      c.query(
        `ALTER DATABASE ${c.escapeIdentifier(name)} SET default_transaction_isolation = 'serializable'`,
      ),
    );
    const results = await Promise.all([migrate(url), migrate(url)]);
    expect(results.flatMap((r) => r.applied).sort()).toEqual((await readMigrations()).map((m) => m.name));
  });

  it("keeps earlier migrations and records nothing of the failing one, on a migrated database", async () => {
    const url = await emptyDatabase();
    const dir = await migrationsDir({ "20990101000000_first": `CREATE TABLE "first" ("id" INTEGER);` });
    await migrate(url, dir);
    const before = await recorded(url);

    await addMigration(dir, "20990101000001_second", `CREATE TABLE "second" ("id" INTEGER);`);
    await addMigration(dir, "20990101000002_third", `ALTER TABLE "missing" ADD COLUMN "x" INTEGER;`);

    const failure = migrate(url, dir);
    await expect(failure).rejects.toThrow(/^Migration 20990101000002_third failed: .*"missing"/);
    await expect(failure).rejects.toMatchObject({ cause: { code: "42P01" } }); // undefined_table

    expect(await tablesIn(url)).toEqual(["_prisma_migrations", "first", "second"]);
    expect((await recorded(url)).map((r) => r.migration_name)).toEqual([
      ...before.map((r) => r.migration_name),
      "20990101000001_second",
    ]);
  });

  it("reports a migration whose file changed after it was applied", async () => {
    const url = await emptyDatabase();
    const dir = await migrationsDir({
      "20990101000000_first": `CREATE TABLE "first" ("id" INTEGER);`,
      "20990101000001_second": `CREATE TABLE "second" ("id" INTEGER);`,
    });
    await migrate(url, dir);

    await writeFile(
      path.join(dir, "20990101000000_first", "migration.sql"),
      `CREATE TABLE "first" ("id" BIGINT);`,
    );

    expect(await migrate(url, dir)).toEqual({
      applied: [],
      modified: ["20990101000000_first"],
      notices: [],
    });
  });

  it("fails with one line naming the server, without the password, when nothing listens there", async () => {
    const port = await freePort();
    const password = "pw-" + randomBytes(8).toString("hex");

    const error: unknown = await migrate(`postgresql://pinhole:${password}@127.0.0.1:${port}/pinhole`).then(
      () => undefined,
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(StartupError);
    const message = (error as StartupError).message;
    expect(message).toContain(`Cannot connect to PostgreSQL at 127.0.0.1:${port}`);
    expect(message).toContain("connection refused");
    expect(message).toContain("DATABASE_URL");
    expect(message).not.toContain(password);
    expect(message).not.toContain("\n");
  });
});
