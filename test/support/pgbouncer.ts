// Debian's PgBouncer in transaction mode in front of a PostgreSQL server, as a child process on a
// chosen port: what Neon's and Supabase's pooled URLs and most PgBouncer deployments put between the
// app and the database. Clients log in without a password (trust); PgBouncer logs in upstream with
// the server's own credentials.
import { spawn, type ChildProcess } from "node:child_process";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export interface PgBouncer {
  /** A URL through PgBouncer to `database` on the upstream server. */
  url(database: string): string;
  stop(): Promise<void>;
}

export async function startPgBouncer(binary: string, upstreamUrl: string, port: number): Promise<PgBouncer> {
  const upstream = new URL(upstreamUrl);
  const user = decodeURIComponent(upstream.username) || "postgres";
  const password = decodeURIComponent(upstream.password);
  const dir = await mkdtemp(path.join(os.tmpdir(), "pinhole-pgbouncer-"));
  const quote = (v: string) => `'${v.replace(/'/g, "''")}'`;
  await writeFile(
    path.join(dir, "pgbouncer.ini"),
    `[databases]
* = host=${upstream.hostname} port=${upstream.port || "5432"} user=${user}${password ? ` password=${quote(password)}` : ""}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${port}
unix_socket_dir =
auth_type = trust
auth_file = ${path.join(dir, "users.txt")}
pool_mode = transaction
; Few server connections for many clients: statements of one client meet several of them.
default_pool_size = 4
max_client_conn = 500
`,
  );
  await writeFile(path.join(dir, "users.txt"), `"${user}" ""\n`);
  // PgBouncer will not run as root: it drops to nobody, who must read its configuration.
  const isRoot = os.userInfo().uid === 0;
  if (isRoot) {
    await chmod(dir, 0o755);
    await chmod(path.join(dir, "pgbouncer.ini"), 0o644);
    await chmod(path.join(dir, "users.txt"), 0o644);
  }
  let output = "";
  const child: ChildProcess = spawn(
    binary,
    [...(isRoot ? ["-u", "nobody"] : []), path.join(dir, "pgbouncer.ini")],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout!.on("data", (c: Buffer) => (output = (output + c.toString()).slice(-4000)));
  child.stderr!.on("data", (c: Buffer) => (output = (output + c.toString()).slice(-4000)));
  const url = (database: string) => `postgresql://${encodeURIComponent(user)}@127.0.0.1:${port}/${database}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGINT");
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`pgbouncer exited at start: ${output.trim()}`);
    }
    const client = new pg.Client({ connectionString: url(upstream.pathname.slice(1) || "postgres") });
    try {
      await client.connect();
      await client.query("SELECT 1");
      await client.end();
      break;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`pgbouncer on ${port} did not answer: ${String(error)}; ${output.trim()}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return { url, stop };
}
