import "server-only";
import type { Server } from "node:http";
import { runShutdownHooks } from "./shutdown";

// Shutdown hooks (handing running jobs back) get at least this long, even when the requests used up
// the grace period.
const MIN_HOOK_MS = 5_000;

export interface Drain {
  /** True from the first shutdown signal: /api/health answers 503 "draining" from then on. */
  readonly draining: boolean;
  /** Requests received and not yet answered (or abandoned by their client). */
  readonly inFlight: number;
  /**
   * Stops taking connections (idle keep-alive ones are closed; requests on busy ones are still
   * answered), waits for the requests in flight up to `graceMs`, runs the shutdown hooks, then closes
   * whatever connection is left. Resolves when the server can exit; calling it again joins the first.
   */
  shutDown(graceMs: number, log: (message: string) => void): Promise<void>;
}

/**
 * Counts `server`'s requests in flight so a shutdown can wait for exactly them. Written here rather
 * than taken from http-terminator or stoppable: Node's own close() already refuses new connections
 * and drops idle ones; what is left is this count and the health answer while it runs down.
 */
export function trackRequests(server: Server): Drain {
  let draining = false;
  let inFlight = 0;
  let settled: (() => void) | undefined;
  let shutting: Promise<void> | undefined;

  server.on("request", (_req, res) => {
    inFlight++;
    res.once("close", () => {
      inFlight--;
      if (inFlight === 0) settled?.();
    });
  });

  async function shutDown(graceMs: number, log: (message: string) => void): Promise<void> {
    draining = true;
    server.close();
    const started = Date.now();
    if (inFlight > 0) {
      log(`draining: ${inFlight} request(s) in flight, up to ${Math.round(graceMs / 1000)} s`);
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        settled = resolve;
        timer = setTimeout(resolve, graceMs);
      });
      clearTimeout(timer);
      if (inFlight > 0) log(`grace period over: ${inFlight} request(s) cut off`);
    }
    await runShutdownHooks(Math.max(graceMs - (Date.now() - started), MIN_HOOK_MS), (name, problem) =>
      log(`shutdown hook ${name}: ${problem instanceof Error ? problem.message : String(problem)}`),
    );
    server.closeAllConnections();
  }

  return {
    get draining() {
      return draining;
    },
    get inFlight() {
      return inFlight;
    },
    shutDown(graceMs, log) {
      shutting ??= shutDown(graceMs, log);
      return shutting;
    },
  };
}
