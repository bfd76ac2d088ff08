import "server-only";
import { AppError } from "@/server/errors/app-error";

// Object keys follow the design's hierarchy: owner → album (or `default`) → resolution → file.
// Every driver validates keys again (assertSafeKey) so a key built from bad input can never reach
// outside the store, whatever the caller did.

const KEY_CHARS = /^[A-Za-z0-9/_.-]+$/;
const SEGMENT = /^[A-Za-z0-9_-]+$/;
const EXTENSION = /^[A-Za-z0-9]+$/;
// S3's own limit; UploadThing custom ids are shorter, which the hierarchy's ids keep well under.
const MAX_KEY_LENGTH = 1024;

/**
 * Throws AppError("bad_request") unless `key` is a safe object key: only `[A-Za-z0-9/_.-]`, no leading
 * or trailing `/`, no empty segment, no `..`, and no segment starting with `.` (names starting with a dot
 * are reserved for the local driver's temp files, so a key can never collide with one).
 */
export function assertSafeKey(key: string): void {
  if (!isSafePath(key) || key.endsWith("/")) throw unsafe(key);
}

/**
 * Like assertSafeKey, for a prefix given to list/deletePrefix: may be empty (the whole store) or end
 * with `/` ("u1/a1/").
 */
export function assertSafePrefix(prefix: string): void {
  if (prefix === "") return;
  const trimmed = prefix.endsWith("/") ? prefix.slice(0, -1) : prefix;
  if (!isSafePath(trimmed)) throw unsafe(prefix);
}

/** A prefix for deletePrefix: like assertSafePrefix, but never "" (a slip there would empty the store). */
export function assertDeletablePrefix(prefix: string): void {
  if (prefix === "") throw new AppError("bad_request", "refusing to delete every object in the store");
  assertSafePrefix(prefix);
}

function isSafePath(key: string): boolean {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) return false;
  if (!KEY_CHARS.test(key) || key.includes("..")) return false;
  return key.split("/").every((segment) => segment !== "" && !segment.startsWith("."));
}

function unsafe(key: string): AppError {
  return new AppError("bad_request", `unsafe storage key: ${JSON.stringify(key.slice(0, 200))}`);
}

interface PhotoKeyParts {
  ownerId: string;
  /** null: the owner's default album. */
  albumId: string | null;
  photoId: string;
}

/** `${ownerId}/${albumId ?? "default"}/original/${photoId}.${ext}` */
export function originalKey(parts: PhotoKeyParts & { ext: string }): string {
  return photoKey(parts, "original", parts.ext);
}

/** `${ownerId}/${albumId ?? "default"}/w${width}/${photoId}.${format}` */
export function variantKey(parts: PhotoKeyParts & { width: number; format: string }): string {
  if (!Number.isInteger(parts.width) || parts.width <= 0) {
    throw new AppError("bad_request", `variant width must be a positive integer, not ${parts.width}`);
  }
  return photoKey(parts, `w${parts.width}`, parts.format);
}

function photoKey(parts: PhotoKeyParts, resolution: string, ext: string): string {
  const segments = [parts.ownerId, parts.albumId ?? "default", parts.photoId];
  // Each id must be one segment: an id containing `/` would silently move the file elsewhere in the tree.
  if (!segments.every((s) => SEGMENT.test(s)) || !EXTENSION.test(ext)) {
    throw unsafe(`${segments.join("/")}.${ext}`);
  }
  const key = `${parts.ownerId}/${parts.albumId ?? "default"}/${resolution}/${parts.photoId}.${ext}`;
  assertSafeKey(key);
  return key;
}

/** `${ownerId}/${albumId ?? "default"}/shared/${photoId}.${ext}`: the original without its location. */
export function sharedOriginalKey(parts: PhotoKeyParts & { ext: string }): string {
  return photoKey(parts, "shared", parts.ext);
}
