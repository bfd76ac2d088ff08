import { AsyncLocalStorage } from "node:async_hooks";
import v8 from "node:v8";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { releaseAbortReasonStacks } from "./release-abort-stacks";

// Vitest does not start workers with --expose-gc; this is the documented V8 way to get it anyway.
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

const storage = new AsyncLocalStorage<object>();

/**
 * A render as React's Flight server ends one: in an Immediate, inside its request's
 * AsyncLocalStorage context, it aborts its cache signal with an Error nobody reads, while the
 * request (here the signal) stays reachable. Resolves with a weak reference to the render's output.
 */
function render(): Promise<{ signal: AbortSignal; output: WeakRef<{ html: string }> }> {
  const output = { html: `<!DOCTYPE html>${"x".repeat(256 * 1024)}${Math.random()}` };
  const controller = new AbortController();
  return new Promise((resolve) => {
    storage.run({ controller, output }, () => {
      setImmediate(function flushCompleted() {
        if (output.html.length === 0) return;
        controller.abort(new Error("This render completed successfully."));
        resolve({ signal: controller.signal, output: new WeakRef(output) });
      });
    });
  });
}

async function renderedOutputsAlive(count: number): Promise<{ alive: number; signals: AbortSignal[] }> {
  const renders = await Promise.all(Array.from({ length: count }, () => render()));
  // A WeakRef keeps its target until the job that made it ends.
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  return {
    alive: renders.filter((r) => r.output.deref() !== undefined).length,
    signals: renders.map((r) => r.signal),
  };
}

describe("abort reasons' stacks", () => {
  // Runs first: the patch is process-wide once installed.
  it("without the patch, an unread abort reason keeps its render's output alive (the upstream leak)", async () => {
    const { alive, signals } = await renderedOutputsAlive(20);
    // If this fails, V8/Node/React no longer pin frames this way: the workaround may be removed.
    expect(alive).toBe(20);
    expect(signals.every((s) => s.aborted)).toBe(true);
  });

  it("with it, the outputs are collected while the signals live, and the reasons keep their message and stack", async () => {
    releaseAbortReasonStacks();
    releaseAbortReasonStacks();
    const { alive, signals } = await renderedOutputsAlive(20);
    expect(alive).toBe(0);
    const reason = signals[0]!.reason as Error;
    expect(reason.message).toBe("This render completed successfully.");
    expect(reason.stack).toContain("flushCompleted");
  });

  it("keeps abort()'s behaviour: the reason given, or Node's AbortError, and the abort event once", () => {
    releaseAbortReasonStacks();
    const given = new AbortController();
    let events = 0;
    given.signal.addEventListener("abort", () => events++);
    given.abort("why");
    given.abort("again");
    expect(given.signal.reason).toBe("why");
    expect(events).toBe(1);
    const bare = new AbortController();
    bare.abort();
    expect((bare.signal.reason as Error).name).toBe("AbortError");
  });
});
