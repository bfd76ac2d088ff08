// How another process starts Pinhole's production server (scripts/server.ts): what `npm start` runs
// once the database is ready, and what the end-to-end tests, the scale tests and the benchmarks start,
// so every one of them serves through the same front (src/server/http/pinhole-server.ts).
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);

/** Arguments for `process.execPath`; the child's cwd should be the project's root. */
export function pinholeServerArgs(options: { port: number | string; hostname?: string }): string[] {
  return [
    // tsx compiles the server's TypeScript; react-server lets it import the app's server-only modules.
    "--import",
    pathToFileURL(require.resolve("tsx")).href,
    "--conditions=react-server",
    path.join(root, "scripts", "server.ts"),
    "--port",
    String(options.port),
    ...(options.hostname ? ["--hostname", options.hostname] : []),
  ];
}
