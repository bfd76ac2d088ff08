// A PostgreSQL primary and a streaming replica of it, made in a temporary folder for one test file
// with the machine's PostgreSQL 15 binaries (Debian's /usr/lib/postgresql/15/bin), on free loopback
// ports: the system cluster (5432) and the tests' embedded one are never touched.
//
// PostgreSQL refuses to run as root, so when the tests run as root every binary runs as the
// `postgres` OS user, which owns the temporary folder.
import { execFile, execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { appendFile, chown, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);

export const PG15_BIN = "/usr/lib/postgresql/15/bin";

/** Why a replica pair cannot be made here, or null when it can. */
export function replicaUnavailableReason(): string | null {
  for (const tool of ["initdb", "pg_ctl", "pg_basebackup", "postgres"]) {
    if (!existsSync(path.join(PG15_BIN, tool))) return `${PG15_BIN}/${tool} is not installed`;
  }
  if (process.getuid?.() === 0 && osUser("postgres") === null)
    return "running as root without a postgres user";
  return null;
}

export interface ReplicaPair {
  primaryUrl: string;
  replicaUrl: string;
  /** Waits until the replica has replayed everything the primary has written so far. */
  catchUp(): Promise<void>;
  /** Stops the replica (immediate shutdown): its port refuses connections. */
  stopReplica(): Promise<void>;
  startReplica(): Promise<void>;
  /** Stops both servers and deletes the folder. Safe to call twice. */
  destroy(): Promise<void>;
}

function osUser(name: string): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync("id", ["-u", name], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", name], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch (error) {
    if (error instanceof Error && "status" in error) return null; // `id` says no such user
    throw error;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** Makes, starts and connects the pair; the database `pinhole` exists on both (empty). */
export async function startReplicaPair(): Promise<ReplicaPair> {
  const owner = process.getuid?.() === 0 ? osUser("postgres") : null;
  const dir = await mkdtemp(path.join(tmpdir(), "pinhole-replica-"));
  if (owner) await chown(dir, owner.uid, owner.gid);
  const as = owner ? { uid: owner.uid, gid: owner.gid } : {};
  const pgBin = (tool: string, args: string[]) =>
    run(path.join(PG15_BIN, tool), args, { ...as, cwd: dir, env: { ...process.env, LC_ALL: "C" } });

  const primaryDir = path.join(dir, "primary");
  const replicaDir = path.join(dir, "replica");
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const started: string[] = [];
  const stop = async (data: string) => {
    await pgBin("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => undefined);
  };
  // A test run cut short (a timeout, Ctrl-C) must not leave servers behind: stop them as it exits.
  const onExit = () => {
    for (const data of started) {
      try {
        execFileSync(path.join(PG15_BIN, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], {
          ...as,
          stdio: "ignore",
        });
      } catch (error) {
        console.error(`could not stop the test server in ${data}:`, error);
      }
    }
  };
  process.once("exit", onExit);
  const destroy = async () => {
    process.off("exit", onExit);
    for (const data of started.splice(0)) await stop(data);
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await pgBin("initdb", ["-D", primaryDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
    // fsync off: a throw-away cluster. wal_level replica and the default pg_hba.conf (trust for
    // replication from 127.0.0.1) are what streaming needs.
    const common = ["listen_addresses = '127.0.0.1'", `unix_socket_directories = '${dir}'`, "fsync = off"];
    await appendFile(
      path.join(primaryDir, "postgresql.conf"),
      [...common, `port = ${primaryPort}`, "wal_level = replica", "max_wal_senders = 4", ""].join("\n"),
    );
    await pgBin("pg_ctl", ["-D", primaryDir, "-l", path.join(dir, "primary.log"), "-w", "start"]);
    started.push(primaryDir);
    const primaryServer = `postgresql://postgres@127.0.0.1:${primaryPort}`;
    const admin = new pg.Client({ connectionString: `${primaryServer}/postgres` });
    await admin.connect();
    await admin.query("CREATE DATABASE pinhole");
    await admin.end();

    // -R writes standby.signal and primary_conninfo: the copy starts as a streaming replica.
    await pgBin("pg_basebackup", [
      ...["-h", "127.0.0.1", "-p", String(primaryPort), "-U", "postgres"],
      // -c fast: checkpoint now rather than spread over minutes.
      ...["-D", replicaDir, "-R", "-X", "stream", "-c", "fast", "--no-sync"],
    ]);
    await appendFile(path.join(replicaDir, "postgresql.conf"), `port = ${replicaPort}\nhot_standby = on\n`);
    const startReplica = async () => {
      await pgBin("pg_ctl", ["-D", replicaDir, "-l", path.join(dir, "replica.log"), "-w", "start"]);
      if (!started.includes(replicaDir)) started.push(replicaDir);
    };
    await startReplica();

    const primaryUrl = `${primaryServer}/pinhole`;
    const replicaUrl = `postgresql://postgres@127.0.0.1:${replicaPort}/pinhole`;
    return {
      primaryUrl,
      replicaUrl,
      async catchUp() {
        const lsn = await query<{ lsn: string }>(primaryUrl, "SELECT pg_current_wal_lsn()::text AS lsn");
        for (let i = 0; i < 200; i++) {
          const done = await query<{ done: boolean }>(
            replicaUrl,
            "SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done",
            [lsn.lsn],
          );
          if (done.done) return;
          await new Promise((r) => setTimeout(r, 50));
        }
        throw new Error("the replica did not catch up within 10 s");
      },
      async stopReplica() {
        await stop(replicaDir);
        started.splice(started.indexOf(replicaDir), 1);
      },
      startReplica,
      destroy,
    };
  } catch (error) {
    await destroy();
    throw error;
  }
}

async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(sql, params);
    return rows[0] as T;
  } finally {
    await client.end();
  }
}
