// The production server process: `npm start` runs it through scripts/pinhole.ts once the database is
// ready; tests and benchmarks start it with scripts/server-args.ts. Flags: --port, --hostname,
// --supervised (stop when stdin closes).
// `npm run build` bundles it into .next/standalone/pinhole-server.mjs, and that bundle is what runs
// (scripts/launcher/build.ts); through tsx from the source tree it serves the project's own .next.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

// Set before Next.js (and React through it) load, as `next start` does: they pick their builds by it.
(process.env as Record<string, string>).NODE_ENV = "production";

// In the standalone output, next.config.ts is not there to load: Next's own server.js hands Next the
// configuration the build recorded, through this variable; so does this one.
const here = import.meta.dirname;
const serverFiles = path.join(here, ".next", "required-server-files.json");
const standalone = existsSync(serverFiles);
if (standalone) {
  const { config } = JSON.parse(readFileSync(serverFiles, "utf8")) as { config: unknown };
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1];
}

function log(message: string) {
  console.log(`pinhole: ${message}`);
}

const port = Number(option("port") ?? process.env.PORT ?? 3000);
// Not $HOSTNAME: containers set it to their own name. Without --hostname, every address (as `next start`).
const hostname = option("hostname");
const { env } = await import("@/env");
const { startPinholeServer } = await import("@/server/http/pinhole-server");
startPinholeServer({ dir: standalone ? here : process.cwd(), port, hostname }).then(
  ({ drain }) => {
    log(`listening on http://${hostname ?? "localhost"}:${port} (pid ${process.pid})`);
    // Stop taking connections, say "draining" to the load balancer, let the requests in flight
    // finish, hand running jobs back (src/server/http/shutdown.ts), then exit cleanly (exit hooks
    // run: a profiler's output, say). A second signal ends the process at once (Node's default).
    const graceMs = env().PINHOLE_SHUTDOWN_GRACE_SECONDS * 1000;
    const stop = (signal: NodeJS.Signals) => {
      log(`${signal}: shutting down`);
      drain.shutDown(graceMs, log).then(
        () => process.exit(0),
        (error: unknown) => {
          console.error("pinhole: shutdown failed:", error);
          process.exit(1);
        },
      );
    };
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
    // Started by the launcher (scripts/launcher/supervise.ts), which holds this pipe: if the launcher
    // is killed outright, the pipe closes and the server does not outlive it, orphaned.
    if (process.argv.includes("--supervised")) {
      process.stdin.once("close", () => stop("SIGTERM"));
      process.stdin.resume();
    }
  },
  (error: unknown) => {
    console.error("pinhole: the server did not start:", error);
    process.exit(1);
  },
);
