import "server-only";
import type { Readable } from "node:stream";
import { unlessAborted } from "./errors";

/**
 * Reads a stream into one caller-owned buffer, a part at a time, and says whether a part is the last
 * (peeking one chunk ahead), so a multipart upload never needs more than that buffer.
 */
export class PartReader {
  private readonly chunks: AsyncIterator<unknown>;
  private pending: Buffer | null = null;
  private ended = false;

  constructor(
    body: Readable,
    private readonly buffer: Buffer,
    private readonly signal?: AbortSignal,
  ) {
    this.chunks = body[Symbol.asyncIterator]();
  }

  /** Overwrites the buffer with the next part: `length` bytes, `last` when nothing follows. */
  async fill(): Promise<{ length: number; last: boolean }> {
    let length = 0;
    while (length < this.buffer.length) {
      const chunk = this.pending ?? (await this.nextChunk());
      this.pending = null;
      if (!chunk) break;
      const take = Math.min(chunk.length, this.buffer.length - length);
      chunk.copy(this.buffer, length, 0, take);
      length += take;
      if (take < chunk.length) this.pending = chunk.subarray(take);
    }
    if (!this.pending && !this.ended) this.pending = await this.nextChunk();
    return { length, last: this.ended && !this.pending };
  }

  private async nextChunk(): Promise<Buffer | null> {
    for (;;) {
      const next = await unlessAborted(this.chunks.next(), this.signal);
      if (next.done) {
        this.ended = true;
        return null;
      }
      const chunk = toBuffer(next.value);
      if (chunk.length > 0) return chunk;
    }
  }
}

export function toBuffer(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (typeof value === "string") return Buffer.from(value);
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  throw new TypeError("put body must yield Buffers, Uint8Arrays or strings");
}
