// `npm start` keeps its web server up: a server that dies (out of memory, a crash, a kill) is started
// again with backoff while the database it was given stays up; a stop asked of the launcher stops it.
import { spawn, type ChildProcess } from "node:child_process";

const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;
// A server that ran this long was healthy: its next crash starts the backoff from the beginning.
const HEALTHY_AFTER_MS = 60_000;
// What the server printed last, kept to name the cause of a crash.
const TAIL_BYTES = 16 * 1024;
// Printed by scripts/server.ts once it takes connections: before that, an exit is a failed start.
const LISTENING = "pinhole: listening on";

export interface SupervisedServer {
  args: string[];
  env: NodeJS.ProcessEnv;
}

/**
 * Runs `server` (node with these arguments) until the launcher is asked to stop (SIGTERM, SIGINT), which
 * it passes on, waiting up to `stopTimeoutMs` before SIGKILL. Resolves to the launcher's exit code: 0
 * after a requested stop, the server's own code when its very first start failed (a bad setting is
 * not worth retrying forever).
 */
export function supervise(
  server: SupervisedServer,
  options: { stopTimeoutMs: number; log: (message: string) => void },
): Promise<number> {
  const { log } = options;
  return new Promise((resolve) => {
    let child: ChildProcess | undefined;
    let stopping = false;
    let everListened = false;
    let delay = FIRST_DELAY_MS;
    let restartTimer: NodeJS.Timeout | undefined;

    const start = () => {
      const startedAt = Date.now();
      let tail = "";
      // stdin is a pipe the server watches: it stops when the launcher is gone (scripts/server.ts).
      const current = spawn(process.execPath, [...server.args, "--supervised"], {
        env: server.env,
        stdio: ["pipe", "pipe", "pipe"],
      });
      child = current;
      let recent = "";
      current.stdout!.on("data", (chunk: Buffer) => {
        process.stdout.write(chunk);
        // The line may arrive in two chunks.
        const seen = recent + chunk.toString();
        if (seen.includes(LISTENING)) everListened = true;
        recent = seen.slice(-LISTENING.length);
      });
      current.stderr!.on("data", (chunk: Buffer) => {
        process.stderr.write(chunk);
        tail = (tail + chunk.toString()).slice(-TAIL_BYTES);
      });
      current.on("exit", (code, signal) => {
        child = undefined;
        if (stopping) return finish(0);
        const cause = describeExit(code, signal, tail);
        if (!everListened) {
          log(`the web server did not start (${cause})`);
          return finish(code ?? 1);
        }
        if (Date.now() - startedAt >= HEALTHY_AFTER_MS) delay = FIRST_DELAY_MS;
        log(`the web server (pid ${current.pid}) stopped: ${cause}; starting it again in ${delay / 1000} s`);
        restartTimer = setTimeout(start, delay);
        delay = Math.min(delay * 2, MAX_DELAY_MS);
      });
      log(`web server started (pid ${current.pid})`);
    };

    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      clearTimeout(restartTimer);
      if (!child) return finish(0);
      const running = child;
      running.kill(signal);
      setTimeout(() => running.kill("SIGKILL"), options.stopTimeoutMs).unref();
    };
    const finish = (code: number) => {
      process.off("SIGTERM", stop);
      process.off("SIGINT", stop);
      resolve(code);
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
    start();
  });
}

/** A crashed server's cause in a few words: what V8 or the process said, else how it ended. */
export function describeExit(code: number | null, signal: NodeJS.Signals | null, output: string): string {
  if (/JavaScript heap out of memory/.test(output)) return "JavaScript heap out of memory";
  const how = signal ? `killed by ${signal}` : `exit code ${code}`;
  const lastLine = output
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .at(-1);
  return lastLine && !signal ? `${how}: ${lastLine.slice(0, 300)}` : how;
}
