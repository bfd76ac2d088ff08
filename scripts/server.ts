// The production server process: `npm start` runs it through scripts/pinhole.ts once the database is
// ready; tests and benchmarks start it with scripts/server-args.ts. Flags: --port, --hostname.
// Set before Next.js (and React through it) load, as `next start` does: they pick their builds by it.
(process.env as Record<string, string>).NODE_ENV = "production";

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1];
}

const port = Number(option("port") ?? process.env.PORT ?? 3000);
// Not $HOSTNAME: containers set it to their own name. Without --hostname, every address (as `next start`).
const hostname = option("hostname");
const { startPinholeServer } = await import("@/server/http/pinhole-server");
startPinholeServer({ dir: process.cwd(), port, hostname }).then(
  (server) => {
    console.log(`pinhole: listening on http://${hostname ?? "localhost"}:${port}`);
    // Stop taking connections and exit cleanly (exit hooks run: a profiler's output, say). Requests
    // in flight get a few seconds; a supervisor's SIGKILL comes after its own timeout anyway.
    const stop = () => {
      server.close();
      server.closeIdleConnections();
      setTimeout(() => process.exit(0), 3_000).unref();
      server.once("close", () => process.exit(0));
    };
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  },
  (error: unknown) => {
    console.error("pinhole: the server did not start:", error);
    process.exit(1);
  },
);
export {};
