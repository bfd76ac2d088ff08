import "server-only";

/** Work to finish before the process exits: hand running jobs back, flush, close pools. */
export type ShutdownHook = () => Promise<void>;

// One list per process, on globalThis: hooks registered from Next's bundle (instrumentation.ts, where
// the job runner starts) and the front that runs them (src/server/http/drain.ts) load separate copies
// of this module.
const HOOKS = Symbol.for("pinhole.shutdownHooks");
const holder = globalThis as unknown as Record<symbol, Map<string, ShutdownHook> | undefined>;

function hooks(): Map<string, ShutdownHook> {
  return (holder[HOOKS] ??= new Map());
}

/**
 * Runs `hook` when the production server stops on SIGTERM or SIGINT, after the requests in flight have
 * finished (or the grace period ran out). Registering a name again replaces its hook; the function
 * returned removes it.
 */
export function onShutdown(name: string, hook: ShutdownHook): () => void {
  hooks().set(name, hook);
  return () => {
    if (hooks().get(name) === hook) hooks().delete(name);
  };
}

/**
 * Runs every hook at once and waits for them, up to `timeoutMs`. A hook that fails or does not finish
 * in time is reported, not thrown: the others still run and the process still exits.
 */
export async function runShutdownHooks(
  timeoutMs: number,
  report: (name: string, problem: unknown) => void,
): Promise<void> {
  const running = [...hooks()].map(async ([name, hook]) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), timeoutMs);
    });
    try {
      const outcome = await Promise.race([hook().then(() => "done" as const), timeout]);
      if (outcome === "timeout") report(name, new Error(`did not finish within ${timeoutMs} ms`));
    } catch (error) {
      report(name, error);
    } finally {
      clearTimeout(timer);
    }
  });
  await Promise.all(running);
}
