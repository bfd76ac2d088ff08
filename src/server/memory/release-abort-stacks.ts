import "server-only";

// The server's heap grew ~10-35 MiB a minute under browsing, every render kept alive (a heap
// snapshot at 2 minutes held 3 267 IncomingMessage/ServerResponse pairs and ~3 200 React Flight
// requests). The chain, on Next 16.4 / React 19.3 / Node 20:
//   React Flight request .cacheController → AbortSignal [kReason] → Error("This render completed
//   successfully…") → its stack, not yet formatted: CallSiteInfo frames → a frame's receiver, the
//   Immediate the render finished on → Immediate ._idleNext/_idlePrev (Node leaves a run batch's
//   links in place) → the other Immediates of that batch → [kResourceStore] (AsyncLocalStorage)
//   → the Flight requests of other renders → their abort reasons → … and so on through time,
//   rooted by anything long-lived created inside a render (a pooled database socket's store).
// V8 keeps an Error's frames (receivers and closures included) until `.stack` is first read, and
// nothing reads these reasons. Reading it once, when the signal aborts, turns the frames into a
// string and breaks the chain. Upstream: react/react#37288 (fix proposed in react/react#37289:
// no stack for that reason), vercel/next.js#97899, #97434 and #84648 (the same mechanism in
// Next's own abort reasons). Remove once the Next.js in use no longer keeps these frames.
const INSTALLED = Symbol.for("pinhole.abortReasonStacksReleased");

/** Makes every AbortController format its abort reason's stack as it aborts (idempotent). */
export function releaseAbortReasonStacks(): void {
  const proto = AbortController.prototype as AbortController & { [INSTALLED]?: true };
  if (proto[INSTALLED]) return;
  const abort = proto.abort;
  Object.defineProperty(proto, "abort", {
    configurable: true,
    writable: true,
    value: function (this: AbortController, reason?: unknown) {
      abort.call(this, reason);
      // The reason given, or the DOMException Node makes for a bare abort() (an Error too).
      const stored: unknown = this.signal.reason;
      if (stored instanceof Error) void stored.stack;
    },
  });
  Object.defineProperty(proto, INSTALLED, { value: true });
}
