import "server-only";
import path from "node:path";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { UTApi, UTFile } from "uploadthing/server";
import { AppError } from "@/server/errors/app-error";
import {
  assertValidRange,
  destroyOnAbort,
  putFailure,
  rangeNotSatisfiable,
  storeUnavailable,
  unlessAborted,
  watchBody,
} from "./errors";
import { assertDeletablePrefix, assertSafeKey, assertSafePrefix } from "./keys";
import { toBuffer } from "./part-reader";
import type { ObjectStorage, StoredObject } from "./storage";

export interface UploadThingStorageConfig {
  driver: "uploadthing";
  /** UPLOADTHING_TOKEN: base64 JSON `{ apiKey, appId, regions }`. */
  token: string;
  /** Largest object a put accepts. UploadThing takes a whole Blob, so a put buffers up to this much. */
  maxObjectBytes: number;
  /** Per request, until the response starts (so it covers sending an upload's body). Default 60 s. */
  timeoutMs?: number;
  /** Stand-ins for UploadThing's API and ingest servers (tests). */
  apiUrl?: string;
  ingestUrl?: string;
}

type UTApiFetch = NonNullable<NonNullable<ConstructorParameters<typeof UTApi>[0]>["fetch"]>;

// The API lists files by offset; larger pages mean fewer round trips for the orphan sweep.
const LIST_PAGE = 500;
// The URLs get and head sign for themselves only need to outlive one request.
const SIGNED_URL_TTL_S = 300;

/**
 * UploadThing, keyed by customId = our key. Its API has no prefix listing, no range-aware metadata
 * call and no per-URL Content-Disposition, so: list scans the app's files, head and get go through a
 * signed URL, and presignedGet with a download name returns null (the app streams it instead).
 */
export class UploadThingStorage implements ObjectStorage {
  readonly driver = "uploadthing";
  private readonly api: UTApi;
  private readonly fetch: UTApiFetch;
  private readonly maxObjectBytes: number;

  constructor(config: UploadThingStorageConfig) {
    this.maxObjectBytes = config.maxObjectBytes;
    this.fetch = fetchWithTimeout(config.timeoutMs ?? 60_000);
    this.api = new UTApi({
      token: config.token,
      apiUrl: config.apiUrl,
      ingestUrl: config.ingestUrl,
      fetch: this.fetch,
      defaultKeyType: "customId",
      // Failures reach the caller as AppErrors carrying the SDK's error, and a 404 for a missing file
      // is an answer, not an error: the SDK's own logging would only repeat or mislabel them.
      logLevel: "None",
    });
  }

  async put(
    key: string,
    body: Readable | Buffer,
    opts: { contentType: string; signal?: AbortSignal },
  ): Promise<{ size: number }> {
    assertSafeKey(key);
    const { signal } = opts;
    const parts = Buffer.isBuffer(body) ? [body] : await this.collect(key, body, signal);
    const size = parts.reduce((n, p) => n + p.length, 0);
    if (size > this.maxObjectBytes) throw tooLarge(key, this.maxObjectBytes);
    try {
      signal?.throwIfAborted();
      // A custom id names one file: clear an earlier version (a retried job) before uploading again.
      await this.api.deleteFiles(key, { keyType: "customId" });
      const file = new UTFile(parts.map(asBlobPart), path.posix.basename(key), {
        customId: key,
        type: opts.contentType,
      });
      const result = await this.api.uploadFiles(file, { signal, contentDisposition: "inline" });
      if (result.error) {
        throw new Error(`${result.error.code}: ${result.error.message}`, { cause: result.error });
      }
      return { size };
    } catch (error) {
      // An upload the service half-registered is left as "Uploading"/"Failed": remove it now if we can.
      await this.api.deleteFiles(key, { keyType: "customId" }).catch(() => undefined);
      throw putFailure(this.driver, key, error, { signal });
    }
  }

  async get(key: string, opts?: { range?: { start: number; end: number } }): Promise<StoredObject | null> {
    assertSafeKey(key);
    const range = opts?.range;
    assertValidRange(range);
    const url = await this.signedUrl(key, SIGNED_URL_TTL_S, "get");
    if (!url) return null;
    let res: Response;
    try {
      res = await this.fetchFile(url, "GET", range ? { Range: `bytes=${range.start}-${range.end}` } : {});
    } catch (error) {
      throw storeUnavailable(this.driver, "get", key, error);
    }
    if (res.status === 404) return null;
    if (res.status === 416 && range) {
      await res.body?.cancel();
      throw rangeNotSatisfiable(key, range.start, parseContentRange(res)?.total ?? 0);
    }
    const span = parseContentRange(res);
    const length = Number(res.headers.get("content-length") ?? Number.NaN);
    const size = span ? span.end - span.start + 1 : length;
    // A 200 to a range request would hand back the wrong bytes: refuse rather than serve them.
    if (!res.ok || !res.body || (range && res.status !== 206) || !Number.isSafeInteger(size)) {
      await res.body?.cancel();
      throw storeUnavailable(this.driver, "get", key, new Error(`file server answered ${res.status}`));
    }
    return {
      body: Readable.fromWeb(res.body as NodeReadableStream<Uint8Array>),
      size,
      totalSize: span ? span.total : size,
      contentType: res.headers.get("content-type") ?? undefined,
      etag: res.headers.get("etag") ?? undefined,
    };
  }

  async head(key: string): Promise<{ size: number; contentType?: string } | null> {
    assertSafeKey(key);
    const url = await this.signedUrl(key, SIGNED_URL_TTL_S, "head");
    if (!url) return null;
    let res: Response;
    try {
      res = await this.fetchFile(url, "HEAD", {});
    } catch (error) {
      throw storeUnavailable(this.driver, "head", key, error);
    }
    if (res.status === 404) return null;
    if (!res.ok)
      throw storeUnavailable(this.driver, "head", key, new Error(`file server answered ${res.status}`));
    return {
      size: Number(res.headers.get("content-length") ?? 0),
      contentType: res.headers.get("content-type") ?? undefined,
    };
  }

  async delete(key: string): Promise<void> {
    assertSafeKey(key);
    try {
      await this.api.deleteFiles(key, { keyType: "customId" });
    } catch (error) {
      throw storeUnavailable(this.driver, "delete", key, error);
    }
  }

  async deletePrefix(prefix: string): Promise<number> {
    assertDeletablePrefix(prefix);
    // Collect first: deleting while paging by offset would shift later pages under us.
    const keys: string[] = [];
    for await (const entry of this.list(prefix)) keys.push(entry.key);
    let count = 0;
    try {
      for (let i = 0; i < keys.length; i += 100) {
        const res = await this.api.deleteFiles(keys.slice(i, i + 100), { keyType: "customId" });
        count += res.deletedCount;
      }
    } catch (error) {
      throw storeUnavailable(this.driver, "deletePrefix", prefix, error);
    }
    return count;
  }

  async *list(prefix: string): AsyncIterable<{ key: string; size: number; lastModified: Date }> {
    assertSafePrefix(prefix);
    for await (const file of this.allFiles("list")) {
      if (file.status !== "Uploaded" || !file.customId?.startsWith(prefix)) continue;
      yield { key: file.customId, size: file.size, lastModified: new Date(file.uploadedAt) };
    }
  }

  async presignedGet(
    key: string,
    opts: { expiresInS: number; downloadName?: string; contentType?: string },
  ): Promise<string | null> {
    assertSafeKey(key);
    // UploadThing's URLs cannot ask for `Content-Disposition: attachment; filename=…`.
    if (opts.downloadName !== undefined) return null;
    return this.signedUrl(key, opts.expiresInS, "presign");
  }

  async check(): Promise<void> {
    try {
      await this.api.getUsageInfo();
    } catch (error) {
      throw storeUnavailable(this.driver, "check", "usage", error);
    }
  }

  async sweepTempFiles(olderThanMs: number): Promise<number> {
    const cutoff = Date.now() - olderThanMs;
    const stale: string[] = [];
    for await (const file of this.allFiles("sweepTempFiles")) {
      const unfinished = file.status === "Uploading" || file.status === "Failed";
      if (unfinished && file.customId && file.uploadedAt < cutoff) stale.push(file.key);
    }
    try {
      for (let i = 0; i < stale.length; i += 100) {
        await this.api.deleteFiles(stale.slice(i, i + 100), { keyType: "fileKey" });
      }
    } catch (error) {
      throw storeUnavailable(this.driver, "sweepTempFiles", "files", error);
    }
    return stale.length;
  }

  /** Buffers the body (UploadThing wants a Blob), refusing more than maxObjectBytes. */
  private async collect(key: string, body: Readable, signal: AbortSignal | undefined): Promise<Buffer[]> {
    const watched = watchBody(body);
    const undoAbort = destroyOnAbort(body, signal);
    const parts: Buffer[] = [];
    let size = 0;
    try {
      const chunks = body[Symbol.asyncIterator]();
      for (;;) {
        const next = await unlessAborted(chunks.next(), signal);
        if (next.done) return parts;
        const part = toBuffer(next.value);
        size += part.length;
        if (size > this.maxObjectBytes) throw tooLarge(key, this.maxObjectBytes);
        parts.push(part);
      }
    } catch (error) {
      body.destroy();
      throw putFailure(this.driver, key, error, { signal, body: watched });
    } finally {
      undoAbort();
    }
  }

  /** A signed URL for the file, or null when no file has this custom id. */
  private async signedUrl(key: string, expiresInS: number, op: string): Promise<string | null> {
    try {
      const res = await this.api.getSignedURL(key, { keyType: "customId", expiresIn: expiresInS });
      return res.ufsUrl;
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw storeUnavailable(this.driver, op, key, error);
    }
  }

  private async fetchFile(url: string, method: "GET" | "HEAD", headers: Record<string, string>) {
    // The timeout covers the wait for the response; the body then streams for as long as it takes.
    return (await this.fetch(url, { method, headers })) as Response;
  }

  private async *allFiles(op: string) {
    for (let offset = 0; ; offset += LIST_PAGE) {
      let page;
      try {
        page = await this.api.listFiles({ limit: LIST_PAGE, offset });
      } catch (error) {
        throw storeUnavailable(this.driver, op, "files", error);
      }
      yield* page.files;
      if (!page.hasMore || page.files.length === 0) return;
    }
  }
}

/** `Content-Range: bytes start-end/total` (a 416 puts an asterisk where start-end would be). */
function parseContentRange(res: Response): { start: number; end: number; total: number } | null {
  const match = /^bytes (?:(\d+)-(\d+)|\*)\/(\d+)$/.exec(res.headers.get("content-range") ?? "");
  if (!match) return null;
  const total = Number(match[3]);
  return { start: Number(match[1] ?? 0), end: Number(match[2] ?? total - 1), total };
}

function tooLarge(key: string, max: number): AppError {
  return new AppError("payload_too_large", `${key} is larger than ${max} bytes`);
}

// Buffer is a Uint8Array over an ArrayBuffer (never a SharedArrayBuffer here), which Blob accepts.
function asBlobPart(part: Buffer): Uint8Array<ArrayBuffer> {
  return new Uint8Array(part.buffer as ArrayBuffer, part.byteOffset, part.byteLength);
}

/** fetch that gives up when no response has started within `ms` (the body may then take its time). */
function fetchWithTimeout(ms: number): UTApiFetch {
  return async (input, init) => {
    const timer = new AbortController();
    const id = setTimeout(() => timer.abort(new Error(`no response within ${ms} ms`)), ms);
    // The SDK passes a standard RequestInit; its declared type is a narrower look-alike.
    const given = init as RequestInit | undefined;
    const signal = given?.signal ? AbortSignal.any([given.signal, timer.signal]) : timer.signal;
    try {
      return await fetch(input, { ...given, signal });
    } finally {
      clearTimeout(id);
    }
  };
}

/** The HTTP status behind an UploadThing SDK error, when it has one. */
function statusOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  if ("response" in error && typeof error.response === "object" && error.response !== null) {
    const { response } = error;
    if ("status" in response && typeof response.status === "number") return response.status;
  }
  if ("code" in error && error.code === "NOT_FOUND") return 404;
  return undefined;
}
