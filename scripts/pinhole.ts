// The launcher behind `npm run dev` and `npm start`: checks the configuration, brings up the database
// (embedded PostgreSQL unless DATABASE_URL is set), applies migrations, then runs Next.js and stops the
// database when Next.js exits. Every start-up failure is one line naming its cause.
// `pinhole admin <handle> [--revoke]` makes someone an admin (or not) in the same database.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import nextEnv from "@next/env";
import { EnvError, parseEnv } from "@/env";
import { isPortFree } from "@/server/db/embedded";
import { StartupError, redactUrl } from "@/server/db/errors";
import { ensureAuthSecret, prepareDatabase } from "@/server/db/prepare";
import { pinholeServer } from "./server-args";

const COMMANDS = ["dev", "start", "migrate", "db", "admin"] as const;
type Command = (typeof COMMANDS)[number];

async function main(command: Command, args: string[]): Promise<number> {
  nextEnv.loadEnvConfig(process.cwd(), command === "dev");
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

  const require = createRequire(import.meta.url);
  const nextBin = require.resolve("next/dist/bin/next");
  if (command === "start" && !existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) {
    log("no production build yet: running `next build` first");
    const code = await run(process.execPath, [nextBin, "build"], childEnv);
    if (code !== 0) {
      await database.embedded?.stop();
      return code;
    }
  }
  // Production: Next's handler behind Pinhole's own front (public thumbnails answered before Next's
  // router, src/server/http/pinhole-server.ts). Development: Next's dev server as it is.
  const server =
    command === "start"
      ? pinholeServer({ port: config.PORT, env: childEnv })
      : { args: [nextBin, command, "--port", String(config.PORT)], env: childEnv };
  const code = await run(process.execPath, server.args, server.env, true);
  await database.embedded?.stop();
  return code;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, forwardSignals = false): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: "inherit", env });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    if (forwardSignals) {
      process.on("SIGINT", forward);
      process.on("SIGTERM", forward);
    }
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
  console.error("usage: pinhole dev|start|migrate|db|admin <handle> [--revoke]");
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
