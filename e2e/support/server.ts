// A second production server (scripts/server.ts) of the same build, against the same database and storage, that a test may
// kill -9 and restart: for fault tests, without disturbing the shared server other tests use.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { pinholeServer } from "../../scripts/server-args";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface TestServer {
  baseURL: string;
  process: ChildProcess;
  env: NodeJS.ProcessEnv;
}

export async function startServer(port: number, extraEnv: Record<string, string> = {}): Promise<TestServer> {
  const env: NodeJS.ProcessEnv = {
    ...(process.env as Record<string, string>),
    NODE_ENV: "production",
    DATABASE_URL: process.env.E2E_DATABASE_URL,
    PINHOLE_DATA_DIR: process.env.E2E_DATA_DIR,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    MIGRATE_ON_START: "false",
    PORT: String(port),
    ...extraEnv,
  };
  delete env.NODE_OPTIONS;
  const server = pinholeServer({ port, hostname: "127.0.0.1", env });
  const child = spawn(process.execPath, server.args, {
    cwd: root,
    env: server.env,
    stdio: ["ignore", "inherit", "inherit"],
  });
  const baseURL = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error("the test server exited at start");
    try {
      if ((await fetch(`${baseURL}/sign-in`)).status === 200) return { baseURL, process: child, env };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the test server did not start within 60 s");
}

/** kill -9: no shutdown hooks, no flushing; what a crash or an OOM kill does. */
export function killHard(server: TestServer): Promise<void> {
  return new Promise((resolve) => {
    if (server.process.exitCode !== null || server.process.signalCode !== null) return resolve();
    server.process.once("exit", () => resolve());
    server.process.kill("SIGKILL");
  });
}
