// The launcher behind `npm run dev`, `npm run build` and `npm start`: checks the configuration, builds
// when the sources changed since the last build (start), brings up the database (embedded PostgreSQL
// unless DATABASE_URL is set), applies migrations, then runs the server, starts it again if it dies,
// and stops the database when asked to stop. Every start-up failure is one line naming its cause.
// `pinhole admin <handle> [--revoke]` makes someone an admin (or not) in the same database.
// `npm run build` also bundles this file into .next/standalone/pinhole.mjs, which starts the standalone
// server the same way (it has no sources to build).
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import nextEnv from "@next/env";
import { EnvError, parseEnv } from "@/env";
import { isPortFree, leaveSignalsToCaller } from "@/server/db/embedded";
import { StartupError, redactUrl } from "@/server/db/errors";
import { ensureAuthSecret, prepareDatabase } from "@/server/db/prepare";
import { staleBuildReason, buildFingerprint } from "./launcher/build-fingerprint";
import { supervise } from "./launcher/supervise";
import { STANDALONE, pinholeServer } from "./server-args";

const COMMANDS = ["dev", "build", "start", "migrate", "db", "admin"] as const;
type Command = (typeof COMMANDS)[number];

async function main(command: Command, args: string[]): Promise<number> {
  const root = process.cwd();
  nextEnv.loadEnvConfig(root, command === "dev");
  if (command === "build") return build(root);
  const config = parseEnv(process.env);

  // Next listens on "::" (all addresses); hosts without IPv6 fall back to checking IPv4.
  if (
    (command === "dev" || command === "start") &&
    !(await isPortFree(config.PORT, "::").catch(() => isPortFree(config.PORT, "0.0.0.0")))
  ) {
    throw new StartupError(
      `Port ${config.PORT} is already in use (PORT): stop the other server or set PORT to a free port`,
    );
  }

  // Built before the database is touched: a build that fails leaves it unmigrated. The standalone
  // output is a build already.
  if (command === "start" && !STANDALONE) {
    const stale = await staleBuildReason(root, await buildFingerprint(root, process.env));
    if (stale) {
      log(`${stale}: running \`npm run build\` first`);
      const code = await build(root);
      if (code !== 0) return code;
    }
  }

  const database = await prepareDatabase(config);
  const where = database.embedded
    ? `embedded PostgreSQL on 127.0.0.1:${database.embedded.port}, data in ${path.relative(process.cwd(), database.embedded.dataDir) || "."}`
    : redactUrl(database.url);
  log(`database ready (${where})`);
  if (database.migrations.applied.length)
    log(`applied migrations: ${database.migrations.applied.join(", ")}`);
  for (const name of database.migrations.modified)
    log(`warning: migration ${name} changed after it was applied`);
  if (command === "migrate") {
    await database.embedded?.stop();
    return 0;
  }
  if (command === "admin") {
    try {
      return await setAdmin(database.url, args);
    } finally {
      await database.embedded?.stop();
    }
  }
  if (command === "db") {
    // For tools and tests: the URL on stdout, the database up until this process is stopped.
    console.log(`DATABASE_URL=${database.url}`);
    leaveSignalsToCaller();
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    await database.embedded?.stop();
    return 0;
  }

  if (config.DATABASE_URL && !config.AUTH_SECRET) {
    log(
      "warning: AUTH_SECRET is not set; using one kept in the data folder. Set it when running several instances.",
    );
  }
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    AUTH_SECRET: await ensureAuthSecret(config),
    PORT: String(config.PORT),
    // This process already migrated; instances started without the launcher migrate on their own.
    MIGRATE_ON_START: "false",
  };

  // This process stops the database itself, after the server it runs has stopped.
  leaveSignalsToCaller();
  // Production: Next's handler behind Pinhole's own front (public thumbnails answered before Next's
  // router, src/server/http/pinhole-server.ts), supervised. Development: Next's dev server as it is.
  const code =
    command === "start"
      ? await supervise(pinholeServer({ port: config.PORT, env: childEnv }), {
          // The server's own grace for requests in flight and its shutdown hooks, then a margin.
          stopTimeoutMs: config.PINHOLE_SHUTDOWN_GRACE_SECONDS * 1000 + 15_000,
          log,
        })
      : await run(
          process.execPath,
          [
            createRequire(import.meta.url).resolve("next/dist/bin/next"),
            "dev",
            "--port",
            String(config.PORT),
          ],
          childEnv,
        );
  await database.embedded?.stop();
  return code;
}

// Loaded only to build: the standalone launcher has nothing to build and no bundler.
async function build(root: string): Promise<number> {
  const { buildPinhole } = await import("./launcher/build");
  return buildPinhole(root, process.env);
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: "inherit", env });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      if (code !== null) return resolve(code);
      // Stopped on request is a clean exit; killed otherwise (OOM, crash) is a failure a supervisor should see.
      if (signal === "SIGINT" || signal === "SIGTERM") return resolve(0);
      resolve(128 + (signal ? (os.constants.signals[signal] ?? 0) : 1));
    });
  });
}

// The data function the app would use, against the database just brought up (the embedded one
// included: the app's client reads DATABASE_URL on first use).
async function setAdmin(url: string, args: string[]): Promise<number> {
  const revoke = args.includes("--revoke");
  const handles = args.filter((a) => !a.startsWith("--"));
  if (handles.length !== 1) {
    console.error("usage: pinhole admin <handle> [--revoke]");
    return 2;
  }
  process.env.DATABASE_URL = url;
  const { setUserRole } = await import("@/server/data/moderation/set-user-role");
  const { AppError } = await import("@/server/errors/app-error");
  try {
    const user = await setUserRole(handles[0]!, revoke ? "USER" : "ADMIN");
    log(revoke ? `@${user.handle} is no longer an admin` : `@${user.handle} is now an admin`);
    return 0;
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "not_found") throw error;
    console.error(`pinhole: ${error.message}`);
    return 1;
  } finally {
    const { db } = await import("@/server/db/client");
    await db().$disconnect();
  }
}

function log(message: string) {
  console.log(`pinhole: ${message}`);
}

const command = process.argv[2];
if (!COMMANDS.some((c) => c === command)) {
  console.error("usage: pinhole dev|build|start|migrate|db|admin <handle> [--revoke]");
  process.exit(2);
}
main(command as Command, process.argv.slice(3)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof EnvError) {
      console.error(`pinhole: invalid configuration: ${error.issues.join("; ")}`);
    } else if (error instanceof StartupError) {
      console.error(`pinhole: ${error.message}`);
    } else {
      console.error("pinhole: start-up failed:", error);
    }
    process.exit(1);
  },
);
