import "server-only";
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { StartupError, withClient } from "./errors";

export type PgTool = "pg_dump" | "pg_restore";

/** The server's major version (15 for 15.18), from `server_version_num`. */
export async function serverMajor(url: string, setting: string): Promise<number> {
  return withClient(url, setting, async (client) => {
    const { rows } = await client.query<{ server_version_num: string }>("SHOW server_version_num");
    return Math.floor(Number(rows[0]!.server_version_num) / 10_000);
  });
}

/**
 * PostgreSQL's own pg_dump or pg_restore of exactly `major`: Debian keeps each major's under
 * /usr/lib/postgresql/<major>/bin, else whatever is on PATH if it is that major. A newer tool writes
 * archives an older pg_restore cannot read, an older one refuses a newer server: both are one line
 * naming the package to install.
 */
export function findPgTool(tool: PgTool, major: number): string {
  const candidates = [path.join("/usr/lib/postgresql", String(major), "bin", tool), ...onPath(tool)];
  const seen: string[] = [];
  for (const candidate of candidates) {
    if (!existsSync(candidate)) continue;
    const found = toolMajor(candidate);
    if (found === major) return candidate;
    seen.push(`${candidate} is ${found ?? "of unknown version"}`);
  }
  throw new StartupError(
    `${tool} for PostgreSQL ${major} is not installed${seen.length ? ` (${seen.join("; ")})` : ""}: ` +
      `install postgresql-client-${major} (Debian/Ubuntu: apt-get install postgresql-client-${major}; ` +
      `from apt.postgresql.org when your release lacks it)`,
  );
}

function onPath(command: string): string[] {
  return (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, command));
}

function toolMajor(file: string): number | undefined {
  const run = spawnSync(file, ["--version"], { encoding: "utf8" });
  const match = /\(PostgreSQL\)\s+(\d+)/.exec(run.stdout ?? "");
  return match ? Number(match[1]) : undefined;
}

/**
 * The URL's password goes to the tool in PGPASSWORD, not on its command line (where `ps` shows it);
 * the rest of the URL (host, port, database, sslmode, …) is its --dbname.
 */
export function toolConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = "";
  return {
    dbname: u.toString(),
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
  };
}

/** Runs a PostgreSQL tool; rejects with its last lines of stderr when it fails. */
export function runPgTool(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) return resolve();
      const why = stderr.trim().split("\n").slice(-3).join(" / ") || `exit status ${code}`;
      reject(new StartupError(`${path.basename(file)} failed: ${why}`));
    });
  });
}
