import "server-only";
import path from "node:path";
import type { Readable } from "node:stream";
import { env, EnvError, type Env } from "@/env";
import { LocalStorage, type LocalStorageConfig } from "./local-storage";
import { S3Storage, type S3StorageConfig } from "./s3-storage";
import { UploadThingStorage, type UploadThingStorageConfig } from "./uploadthing-storage";

export interface StoredObject {
  /** The bytes asked for: the whole object, or just the range. Destroy it if you stop reading early. */
  body: Readable;
  /** Bytes in `body` (the range's length for a range read). */
  size: number;
  /** The whole object's size, for `Content-Range: bytes start-end/totalSize`. */
  totalSize?: number;
  contentType?: string;
  etag?: string;
}

export interface ObjectStorage {
  readonly driver: "local" | "s3" | "uploadthing";
  /**
   * Writes the whole body under `key`. The object appears complete or not at all (never half-written);
   * resolves with the byte count once durable. Rejects (AppError "unavailable") if the store fails or
   * times out; then nothing is left under `key`. An error from `body` itself (say, the upload route's
   * size limit) is rethrown as it is, and an abort rejects with `signal.reason`. Whatever the failure,
   * `body` is destroyed and nothing is left under `key`. An unsafe key rejects with "bad_request".
   */
  put(
    key: string,
    body: Readable | Buffer,
    opts: { contentType: string; signal?: AbortSignal },
  ): Promise<{ size: number }>;
  /**
   * Reads an object, optionally a byte range (inclusive end; an end past the object is clamped); null
   * when it does not exist. A range starting at or past the end rejects with AppError "bad_request"
   * (answer 416: check the range against `head` first).
   */
  get(key: string, opts?: { range?: { start: number; end: number } }): Promise<StoredObject | null>;
  head(key: string): Promise<{ size: number; contentType?: string } | null>;
  /** Idempotent: deleting a missing key is fine. */
  delete(key: string): Promise<void>;
  /** Deletes every object whose key starts with `prefix` ("u1/a1/"; never ""); returns how many. */
  deletePrefix(prefix: string): Promise<number>;
  /** Lists keys under a prefix with their last-modified time (for the orphan sweep); paginated internally. */
  list(prefix: string): AsyncIterable<{ key: string; size: number; lastModified: Date }>;
  /**
   * A time-limited URL the client can download from directly (S3 presigned GET, with
   * Content-Disposition attachment when `downloadName` is set), or null when the app must stream it
   * itself (local disk; UploadThing when `downloadName` is set, as its URLs cannot carry the header).
   */
  presignedGet(
    key: string,
    opts: { expiresInS: number; downloadName?: string; contentType?: string; cacheControl?: string },
  ): Promise<string | null>;
  /** Cheap reachability check for /api/health. */
  check(): Promise<void>;
  /**
   * Removes what writes interrupted by a crash left behind, if older than `olderThanMs`: the local
   * driver's temp files, S3's unfinished multipart uploads, UploadThing files stuck in "Uploading" or
   * "Failed". Returns how many were removed. Run it from the periodic sweep; a put in flight is younger
   * than any sensible threshold (an hour).
   */
  sweepTempFiles(olderThanMs: number): Promise<number>;
}

export type StorageConfig = LocalStorageConfig | S3StorageConfig | UploadThingStorageConfig;

/** Explicit construction (tests, scripts); the app uses `storage()`. */
export function createStorage(config: StorageConfig): ObjectStorage {
  switch (config.driver) {
    case "local":
      return new LocalStorage(config);
    case "s3":
      return new S3Storage(config);
    case "uploadthing":
      return new UploadThingStorage(config);
  }
}

/** Which driver and settings the environment asks for: STORAGE_DRIVER, else whatever is configured. */
export function storageConfigFromEnv(e: Env): StorageConfig {
  const driver = e.STORAGE_DRIVER ?? (e.UPLOADTHING_TOKEN ? "uploadthing" : e.S3_BUCKET ? "s3" : "local");
  switch (driver) {
    case "local":
      return {
        driver,
        // Not a build input: without the comment, Next's file tracing copies the whole project into
        // the standalone output.
        root: path.resolve(
          /* turbopackIgnore: true */ e.LOCAL_STORAGE_DIR ?? path.join(e.PINHOLE_DATA_DIR, "media"),
        ),
      };
    case "s3":
      // parseEnv already insists on these; the checks narrow the types.
      if (!e.S3_BUCKET) throw new EnvError(["S3_BUCKET: required when STORAGE_DRIVER=s3"]);
      return {
        driver,
        bucket: e.S3_BUCKET,
        region: e.S3_REGION,
        endpoint: e.S3_ENDPOINT,
        forcePathStyle: e.S3_FORCE_PATH_STYLE,
        // Unset: the SDK's default chain (environment, instance role, …).
        credentials:
          e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
            ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
            : undefined,
      };
    case "uploadthing":
      if (!e.UPLOADTHING_TOKEN)
        throw new Error("UPLOADTHING_TOKEN is required when STORAGE_DRIVER=uploadthing");
      // Variants are far smaller than the largest accepted upload, so this bounds every put.
      return { driver, token: e.UPLOADTHING_TOKEN, maxObjectBytes: e.UPLOAD_MAX_BYTES };
  }
}

const globalForStorage = globalThis as unknown as { pinholeStorage?: ObjectStorage };

/** The process-wide store chosen from the environment (one S3 client and connection pool per process). */
export function storage(): ObjectStorage {
  globalForStorage.pinholeStorage ??= createStorage(storageConfigFromEnv(env()));
  return globalForStorage.pinholeStorage;
}
