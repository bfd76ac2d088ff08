import "server-only";
import type { Readable } from "node:stream";
import { AppError } from "@/server/errors/app-error";

/**
 * The store failed, timed out or could not be reached: 503. The message reaches whoever asked (anyone,
 * for media), so it names no key, host or driver error; those travel in the cause, which the server
 * logs (errorResponse).
 */
export function storeUnavailable(driver: string, op: string, key: string, cause: unknown): AppError {
  const detail = cause instanceof Error ? `: ${cause.message}` : "";
  return new AppError("unavailable", "Photo storage is not answering. Try again in a moment.", {
    cause: new Error(`storage (${driver}) ${op} ${key} failed${detail}`, { cause }),
  });
}

export function rangeNotSatisfiable(key: string, start: number, size: number): AppError {
  return new AppError("bad_request", `range starting at ${start} is past the end of ${key} (${size} bytes)`);
}

export function assertValidRange(range: { start: number; end: number } | undefined): void {
  if (!range) return;
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new AppError("bad_request", `invalid byte range ${start}-${end}`);
  }
}

/**
 * Remembers the first error `body` emits, so a failed put can tell the caller's problem (a broken or
 * over-long upload: rethrown as it is) from the store's (503).
 */
export function watchBody(body: Readable): { error: unknown } {
  const seen: { error: unknown } = { error: undefined };
  body.once("error", (error) => {
    seen.error ??= error;
  });
  return seen;
}

/**
 * What a failed put rejects with: the abort reason if the caller aborted, the body's own error if the
 * body failed, an AppError thrown on purpose as it is, else "unavailable".
 */
export function putFailure(
  driver: string,
  key: string,
  error: unknown,
  ctx: { signal?: AbortSignal; body?: { error: unknown } },
): unknown {
  if (ctx.signal?.aborted) return ctx.signal.reason;
  if (ctx.body?.error !== undefined) return ctx.body.error;
  if (error instanceof AppError) return error;
  return storeUnavailable(driver, "put", key, error);
}

/** Makes an abort destroy the body, so a read waiting on a stalled upload wakes up; returns the undo. */
export function destroyOnAbort(body: Readable, signal: AbortSignal | undefined): () => void {
  if (!signal) return () => {};
  const onAbort = () => body.destroy(signal.reason instanceof Error ? signal.reason : undefined);
  if (signal.aborted) onAbort();
  else signal.addEventListener("abort", onAbort, { once: true });
  return () => signal.removeEventListener("abort", onAbort);
}

/**
 * Settles with `promise`, or rejects with the abort reason as soon as `signal` aborts: a body stuck
 * mid-read may never settle, even once destroyed.
 */
export function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
