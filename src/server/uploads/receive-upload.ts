import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir, readdir, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { AppError } from "@/server/errors/app-error";

export interface ReceivedUpload {
  /** A temporary file holding the bytes; the caller removes it. */
  path: string;
  size: number;
  sha256: string;
  /** The first bytes, for sniffing the type. */
  head: Buffer;
  remove(): Promise<void>;
}

const HEAD_BYTES = 4100;
const RECEIVING_DIR = path.join(os.tmpdir(), "pinhole-uploads");
/** A body that sends nothing for this long is cut off (slowloris). */
const IDLE_TIMEOUT_MS = 30_000;

export function formatMegabytes(bytes: number): string {
  return `${Math.ceil(bytes / (1024 * 1024))} MB`;
}

/**
 * Streams a request body to a temporary file, hashing as it goes: memory stays bounded whatever the
 * size. Stops at the size limit, on an idle body, or when the client goes away; nothing is left behind.
 */
export async function receiveUpload(request: Request, maxBytes: number): Promise<ReceivedUpload> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new AppError(
      "payload_too_large",
      `too large: ${formatMegabytes(declared)}, the limit is ${formatMegabytes(maxBytes)}`,
    );
  }
  if (!request.body) throw new AppError("unprocessable", "the file is empty");

  await mkdir(RECEIVING_DIR, { recursive: true });
  const file = path.join(RECEIVING_DIR, randomUUID());
  const out = createWriteStream(file, { flags: "wx" });
  const hash = createHash("sha256");
  const headChunks: Buffer[] = [];
  let headSize = 0;
  let size = 0;
  const reader = request.body.getReader();
  const remove = () => rm(file, { force: true });

  try {
    for (;;) {
      const { done, value } = await readWithTimeout(reader);
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        throw new AppError(
          "payload_too_large",
          `too large: more than ${formatMegabytes(maxBytes)}, the limit is ${formatMegabytes(maxBytes)}`,
        );
      }
      const chunk = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      hash.update(chunk);
      if (headSize < HEAD_BYTES) {
        headChunks.push(chunk.subarray(0, HEAD_BYTES - headSize));
        headSize += Math.min(chunk.length, HEAD_BYTES - headSize);
      }
      // Respect backpressure: wait for the disk when its buffer is full.
      // (events.once also rejects on "error" and removes both listeners either way.)
      if (!out.write(chunk)) await once(out, "drain");
    }
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    out.destroy();
    await remove();
    if (error instanceof AppError) throw error;
    throw new AppError("bad_request", "the upload was interrupted", { cause: error });
  }
  if (size === 0) {
    await remove();
    throw new AppError("unprocessable", "the file is empty");
  }
  return { path: file, size, sha256: hash.digest("hex"), head: Buffer.concat(headChunks), remove };
}

async function readWithTimeout(reader: ReadableStreamDefaultReader<Uint8Array>) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new AppError("request_timeout", "the upload stalled and was stopped")),
      IDLE_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([reader.read(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Removes bodies a killed process was receiving (older than `cutoff`); returns how many. */
export async function sweepReceivingFiles(cutoff: Date): Promise<number> {
  let removed = 0;
  const names = await readdir(RECEIVING_DIR).catch(() => [] as string[]);
  for (const name of names) {
    const file = path.join(RECEIVING_DIR, name);
    const info = await stat(file).catch(() => null);
    if (info && info.mtime < cutoff) {
      await rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}
