// How another process starts Pinhole's production server (scripts/server.ts): what `npm start` runs
// once the database is ready, and what the end-to-end tests, the scale tests and the benchmarks start,
// so every one of them serves through the same front (src/server/http/pinhole-server.ts) with the
// same memory settings.
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { envSchema } from "../src/env";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);

/**
 * The command line (for `process.execPath`, cwd the project's root) and environment of a server on
 * `port`. Memory is bounded the same wherever it runs:
 * - V8's heap: Node sizes it from the machine's memory (4 GB on a 24 GiB host) and lets it grow
 *   toward that, to ~4x the live set before collecting. PINHOLE_HEAP_MB (512) is twice the live
 *   set at 32 connections plus the on-heap caches (the arithmetic: src/env.ts, beside the defaults).
 * - glibc's malloc: one arena per thread that allocates (libuv's pool running sharp, libvips'
 *   workers), up to 8 per core, fragmented by freed image buffers; sharp recommends 2.
 * Both measured by `npm run bench -- soak` (bench/soak.ts).
 */
export function pinholeServer(options: {
  port: number | string;
  hostname?: string;
  env: NodeJS.ProcessEnv;
}): { args: string[]; env: NodeJS.ProcessEnv } {
  // The setting's default and rule are the env schema's (512; 0: Node's own sizing).
  const heapMb = envSchema.shape.PINHOLE_HEAP_MB.parse(options.env.PINHOLE_HEAP_MB);
  return {
    args: [
      ...(heapMb > 0 ? [`--max-old-space-size=${heapMb}`] : []),
      // tsx compiles the server's TypeScript; react-server lets it import the app's server-only modules.
      "--import",
      pathToFileURL(require.resolve("tsx")).href,
      "--conditions=react-server",
      path.join(root, "scripts", "server.ts"),
      "--port",
      String(options.port),
      ...(options.hostname ? ["--hostname", options.hostname] : []),
    ],
    env: { MALLOC_ARENA_MAX: "2", ...options.env },
  };
}
