// How another process starts Pinhole's production server (scripts/server.ts, as `npm run build` bundled
// it into .next/standalone/pinhole-server.mjs): what `npm start` runs
// once the database is ready, and what the end-to-end tests, the scale tests and the benchmarks start,
// so every one of them serves through the same front (src/server/http/pinhole-server.ts) with the
// same memory settings.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { envSchema } from "../src/env";

// The standalone server `npm run build` writes (scripts/launcher/build.ts): beside this code when it
// runs bundled into .next/standalone/pinhole.mjs, else under the project's root.
const here = path.dirname(fileURLToPath(import.meta.url));
/** True in .next/standalone's launcher (a build already: nothing to build from). */
export const STANDALONE = existsSync(path.join(here, "pinhole-server.mjs"));
const SERVER_SCRIPT = STANDALONE
  ? path.join(here, "pinhole-server.mjs")
  : path.join(here, "..", ".next", "standalone", "pinhole-server.mjs");

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
      SERVER_SCRIPT,
      "--port",
      String(options.port),
      ...(options.hostname ? ["--hostname", options.hostname] : []),
    ],
    env: { MALLOC_ARENA_MAX: "2", ...options.env },
  };
}

/**
 * The command line (for `process.execPath`, cwd the project's root) of `npm run build`: Next's build
 * plus the standalone server the function above starts, recorded for `npm start`'s staleness check.
 */
export function pinholeBuild(): string[] {
  const require = createRequire(import.meta.url);
  return [require.resolve("tsx/cli"), "--conditions=react-server", path.join(here, "pinhole.ts"), "build"];
}
