import "server-only";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { Readable } from "node:stream";
import { logger } from "@/server/log/logger";
import { attachmentDisposition } from "./content-disposition";
import {
  assertValidRange,
  destroyOnAbort,
  putFailure,
  rangeNotSatisfiable,
  storeUnavailable,
  watchBody,
} from "./errors";
import { assertDeletablePrefix, assertSafeKey, assertSafePrefix } from "./keys";
import { PartReader } from "./part-reader";
import { encodeRfc3986, presignGetUrl } from "./sigv4-presign";
import type { ObjectStorage, StoredObject } from "./storage";

export interface S3StorageConfig {
  driver: "s3";
  bucket: string;
  region: string;
  /** For S3-compatible services (MinIO, R2, …); unset for AWS. */
  endpoint?: string;
  forcePathStyle?: boolean;
  /** Unset: the SDK's default chain (environment, shared config, instance role, …). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Multipart part size; S3 wants at least 5 MiB for every part but the last. Default 8 MiB. */
  partSizeBytes?: number;
  /** Per request, until the response starts. Default 30 s. */
  requestTimeoutMs?: number;
  /** Establishing the connection. Default 3 s. */
  connectTimeoutMs?: number;
  /** A connection that goes quiet this long (a stalled upload or download) fails. Default 30 s. */
  idleTimeoutMs?: number;
  /** Tries per request, the first included (transient errors and timeouts are retried). Default 3. */
  maxAttempts?: number;
}

const MiB = 1024 * 1024;

/**
 * An S3 bucket (AWS or any S3-compatible service). A streamed put goes up as a multipart upload, one
 * part in memory at a time; S3 shows the object only once the upload completes, so a failed put leaves
 * nothing behind (and is aborted so its parts are not billed).
 */
export class S3Storage implements ObjectStorage {
  readonly driver = "s3";
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly partSize: number;

  constructor(private readonly config: S3StorageConfig) {
    this.bucket = config.bucket;
    this.partSize = config.partSizeBytes ?? 8 * MiB;
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle ?? false,
      credentials: config.credentials,
      maxAttempts: config.maxAttempts ?? 3,
      // Checksums only where S3 requires them: S3-compatible services often reject the newer defaults.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      requestHandler: {
        connectionTimeout: config.connectTimeoutMs ?? 3_000,
        requestTimeout: config.requestTimeoutMs ?? 30_000,
        // Without this the SDK only logs a warning when requestTimeout passes, and a hung store hangs us.
        throwOnRequestTimeout: true,
        socketTimeout: config.idleTimeoutMs ?? 30_000,
      },
    });
  }

  async put(
    key: string,
    body: Readable | Buffer,
    opts: { contentType: string; signal?: AbortSignal },
  ): Promise<{ size: number }> {
    assertSafeKey(key);
    const { signal, contentType } = opts;
    if (Buffer.isBuffer(body)) {
      try {
        await this.putObject(key, body, contentType, signal);
        return { size: body.length };
      } catch (error) {
        throw putFailure(this.driver, key, error, { signal });
      }
    }

    const watched = watchBody(body);
    const undoAbort = destroyOnAbort(body, signal);
    let uploadId: string | undefined;
    try {
      // One reused buffer: memory stays at one part whatever the object's size.
      const buffer = Buffer.allocUnsafe(this.partSize);
      const reader = new PartReader(body, buffer, signal);
      let part = await reader.fill();
      if (part.last) {
        await this.putObject(key, buffer.subarray(0, part.length), contentType, signal);
        return { size: part.length };
      }

      const created = await this.client.send(
        new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: key, ContentType: contentType }),
        { abortSignal: signal },
      );
      uploadId = created.UploadId;
      if (!uploadId) throw new Error("CreateMultipartUpload returned no UploadId");
      const parts: { PartNumber: number; ETag: string | undefined }[] = [];
      let size = 0;
      for (let partNumber = 1; ; partNumber++) {
        const uploaded = await this.client.send(
          new UploadPartCommand({
            Bucket: this.bucket,
            Key: key,
            UploadId: uploadId,
            PartNumber: partNumber,
            Body: buffer.subarray(0, part.length),
            ContentLength: part.length,
          }),
          { abortSignal: signal },
        );
        parts.push({ PartNumber: partNumber, ETag: uploaded.ETag });
        size += part.length;
        if (part.last) break;
        // Safe to refill: the part above has been sent in full.
        part = await reader.fill();
      }
      await this.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.bucket,
          Key: key,
          UploadId: uploadId,
          MultipartUpload: { Parts: parts },
        }),
        { abortSignal: signal },
      );
      return { size };
    } catch (error) {
      body.destroy();
      if (uploadId) await this.abortUpload(key, uploadId);
      throw putFailure(this.driver, key, error, { signal, body: watched });
    } finally {
      undoAbort();
    }
  }

  async get(key: string, opts?: { range?: { start: number; end: number } }): Promise<StoredObject | null> {
    assertSafeKey(key);
    const range = opts?.range;
    assertValidRange(range);
    try {
      const res = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
      );
      if (!(res.Body instanceof Readable)) throw new Error("GetObject returned no Node stream");
      const size = res.ContentLength ?? 0;
      const total = res.ContentRange ? Number(res.ContentRange.split("/")[1]) : size;
      return {
        body: res.Body,
        size,
        totalSize: Number.isFinite(total) ? total : undefined,
        contentType: res.ContentType,
        etag: res.ETag,
      };
    } catch (error) {
      const status = httpStatus(error);
      if (status === 404 && !isMissingBucket(error)) return null;
      if (status === 416 && range) {
        const head = await this.head(key);
        if (!head) return null;
        throw rangeNotSatisfiable(key, range.start, head.size);
      }
      throw storeUnavailable(this.driver, "get", key, error);
    }
  }

  async head(key: string): Promise<{ size: number; contentType?: string } | null> {
    assertSafeKey(key);
    try {
      const res = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: res.ContentLength ?? 0, contentType: res.ContentType };
    } catch (error) {
      if (httpStatus(error) === 404 && !isMissingBucket(error)) return null;
      throw storeUnavailable(this.driver, "head", key, error);
    }
  }

  async delete(key: string): Promise<void> {
    assertSafeKey(key);
    try {
      // S3 answers 204 whether or not the key existed.
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      if (httpStatus(error) === 404 && !isMissingBucket(error)) return;
      throw storeUnavailable(this.driver, "delete", key, error);
    }
  }

  async deletePrefix(prefix: string): Promise<number> {
    assertDeletablePrefix(prefix);
    let count = 0;
    // Delete page by page (up to 1000 keys, DeleteObjects' limit), so memory stays bounded too.
    for await (const page of this.pages(prefix)) {
      if (page.length === 0) continue;
      try {
        const res = await this.client.send(
          new DeleteObjectsCommand({
            Bucket: this.bucket,
            Delete: { Objects: page.map((o) => ({ Key: o.key })), Quiet: true },
          }),
        );
        const failed = res.Errors ?? [];
        if (failed.length > 0) {
          const first = failed[0];
          throw new Error(
            `${failed.length} not deleted, e.g. ${first?.Key}: ${first?.Code} ${first?.Message}`,
          );
        }
        count += page.length;
      } catch (error) {
        throw storeUnavailable(this.driver, "deletePrefix", prefix, error);
      }
    }
    return count;
  }

  async *list(prefix: string): AsyncIterable<{ key: string; size: number; lastModified: Date }> {
    assertSafePrefix(prefix);
    for await (const page of this.pages(prefix)) yield* page;
  }

  async presignedGet(
    key: string,
    opts: { expiresInS: number; downloadName?: string; contentType?: string; cacheControl?: string },
  ): Promise<string | null> {
    assertSafeKey(key);
    const query: Record<string, string> = {};
    if (opts.downloadName !== undefined) {
      query["response-content-disposition"] = attachmentDisposition(opts.downloadName);
    }
    if (opts.contentType) query["response-content-type"] = opts.contentType;
    if (opts.cacheControl) query["response-cache-control"] = opts.cacheControl;
    let credentials;
    try {
      // The client's own provider: static keys, or the default chain's (possibly temporary) ones.
      credentials = await this.client.config.credentials();
    } catch (error) {
      throw storeUnavailable(this.driver, "presign", key, error);
    }
    return presignGetUrl({
      url: this.objectUrl(key),
      region: this.config.region,
      credentials,
      expiresInS: opts.expiresInS,
      query,
    });
  }

  async check(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }), {
        abortSignal: AbortSignal.timeout(5_000),
      });
    } catch (error) {
      throw storeUnavailable(this.driver, "check", this.bucket, error);
    }
  }

  async sweepTempFiles(olderThanMs: number): Promise<number> {
    const cutoff = Date.now() - olderThanMs;
    let count = 0;
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    try {
      for (;;) {
        const res = await this.client.send(
          new ListMultipartUploadsCommand({
            Bucket: this.bucket,
            KeyMarker: keyMarker,
            UploadIdMarker: uploadIdMarker,
          }),
        );
        for (const upload of res.Uploads ?? []) {
          if (!upload.Key || !upload.UploadId || !upload.Initiated) continue;
          if (upload.Initiated.getTime() >= cutoff) continue;
          await this.client.send(
            new AbortMultipartUploadCommand({
              Bucket: this.bucket,
              Key: upload.Key,
              UploadId: upload.UploadId,
            }),
          );
          count++;
        }
        if (!res.IsTruncated) return count;
        keyMarker = res.NextKeyMarker;
        uploadIdMarker = res.NextUploadIdMarker;
      }
    } catch (error) {
      throw storeUnavailable(this.driver, "sweepTempFiles", this.bucket, error);
    }
  }

  /** Stops the client's connection pool (tests; the app keeps one store for its lifetime). */
  destroy(): void {
    this.client.destroy();
  }

  private async putObject(key: string, body: Buffer, contentType: string, signal: AbortSignal | undefined) {
    signal?.throwIfAborted();
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: body,
        ContentLength: body.length,
        ContentType: contentType,
      }),
      { abortSignal: signal },
    );
  }

  private async abortUpload(key: string, uploadId: string): Promise<void> {
    try {
      // Not tied to the caller's signal: that may be the very thing that aborted the put.
      await this.client.send(
        new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId }),
      );
    } catch (error) {
      // The object was never completed, so nothing is visible under the key; the parts stay billed
      // until sweepTempFiles (or a bucket lifecycle rule) aborts the upload.
      logger().warn(
        { err: error, key, uploadId, component: "storage" },
        "could not abort an S3 multipart upload",
      );
    }
  }

  private async *pages(prefix: string) {
    let token: string | undefined;
    do {
      let res;
      try {
        res = await this.client.send(
          new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
        );
      } catch (error) {
        throw storeUnavailable(this.driver, "list", prefix, error);
      }
      yield (res.Contents ?? []).flatMap((o) =>
        o.Key ? [{ key: o.Key, size: o.Size ?? 0, lastModified: o.LastModified ?? new Date(0) }] : [],
      );
      token = res.IsTruncated ? res.NextContinuationToken : undefined;
    } while (token);
  }

  /** The object's URL as the SDK would address it: path-style or virtual-hosted, custom endpoint or AWS. */
  private objectUrl(key: string): URL {
    const encodedKey = key.split("/").map(encodeRfc3986).join("/");
    const base = new URL(this.config.endpoint ?? `https://s3.${this.config.region}.amazonaws.com`);
    const basePath = base.pathname.replace(/\/+$/, "");
    // Dotted bucket names break virtual-hosted TLS, so the SDK falls back to path-style for them too.
    if (this.config.forcePathStyle || this.bucket.includes(".")) {
      return new URL(`${base.origin}${basePath}/${this.bucket}/${encodedKey}`);
    }
    return new URL(`${base.protocol}//${this.bucket}.${base.host}${basePath}/${encodedKey}`);
  }
}

function httpStatus(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null || !("$metadata" in error)) return undefined;
  const meta = error.$metadata;
  if (typeof meta !== "object" || meta === null || !("httpStatusCode" in meta)) return undefined;
  return typeof meta.httpStatusCode === "number" ? meta.httpStatusCode : undefined;
}

// A missing bucket is a misconfiguration to report, not a missing object.
function isMissingBucket(error: unknown): boolean {
  return error instanceof Error && error.name === "NoSuchBucket";
}
