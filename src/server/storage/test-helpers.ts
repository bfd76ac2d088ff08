// For the storage tests only: upload bodies that are streamed, checksummed as they are produced, and
// able to fail, stall or call back part-way; and a memory probe.
import "server-only";
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import v8 from "node:v8";
import vm from "node:vm";

export const MiB = 1024 * 1024;
const CHUNK = 64 * 1024;

export interface BodyOptions {
  /** Throw this error once this many bytes have been produced. */
  failAt?: { bytes: number; error: Error };
  /** Stop producing (forever) once this many bytes have been produced. */
  stallAt?: number;
  /** Called after each chunk with the bytes produced so far. */
  onChunk?: (produced: number) => void;
}

/** A stream of `total` bytes in fresh 64 KiB chunks; `sha256()` is the digest of what it produced. */
export function streamedBody(
  total: number,
  opts: BodyOptions = {},
): { body: Readable; sha256: () => string } {
  const hash = createHash("sha256");
  async function* produce() {
    let produced = 0;
    for (let i = 0; produced < total; i++) {
      if (opts.failAt && produced >= opts.failAt.bytes) throw opts.failAt.error;
      if (opts.stallAt !== undefined && produced >= opts.stallAt) await new Promise(() => {});
      // A fresh buffer each time: a driver that kept chunks would show it in memory.
      const chunk = Buffer.alloc(Math.min(CHUNK, total - produced), i % 251);
      hash.update(chunk);
      produced += chunk.length;
      yield chunk;
      opts.onChunk?.(produced);
    }
  }
  return { body: Readable.from(produce()), sha256: () => hash.digest("hex") };
}

export async function sha256Of(body: Readable): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of body) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

export async function textOf(body: Readable): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of body) parts.push(chunk as Buffer);
  return Buffer.concat(parts).toString("utf8");
}

// Vitest does not start workers with --expose-gc; this is the documented V8 way to get it anyway.
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

/** Live JS heap plus Buffer memory, after a full collection, so garbage does not count. */
export function liveBytes(): number {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}
