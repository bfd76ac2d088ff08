import "server-only";
import { isPubliclyVisible } from "@/server/policy/access";
import { metrics } from "@/server/metrics/registry";
import { isUuid } from "@/server/policy/photos";
import { loadMediaPhoto, type MediaPhoto } from "./load-media-photo";
import { HOT_BYTES_MAX, peekMediaBytes, readMediaBytes } from "./read-media-bytes";

export const YEAR_S = 31_536_000;

/** What a media URL names: `/media/<photo id>/<access version>/<w320.webp | original>`. */
export interface MediaPath {
  photoId: string;
  version: number;
  file: string;
  /** The width asked for, or null for the original. */
  width: number | null;
}

export function parseMediaPath(params: { photoId: string; version: string; file: string }): MediaPath | null {
  const { photoId, version, file } = params;
  const match = /^w(\d{1,4})\.webp$/.exec(file);
  if (!isUuid(photoId) || !/^\d{1,9}$/.test(version) || (!match && file !== "original")) return null;
  return { photoId, version: Number(version), file, width: match ? Number(match[1]) : null };
}

/**
 * The photo a media URL names, read from the primary for this request (load-media-photo.ts), or null
 * when it is gone or the URL is an old version's: narrowing access bumps the version.
 */
export async function loadCurrentPhoto(path: MediaPath): Promise<MediaPhoto | null> {
  const photo = await loadMediaPhoto(path.photoId);
  return photo && !photo.deletedAt && photo.accessVersion === path.version ? photo : null;
}

/** Headers every media answer carries; public media may be embedded elsewhere, private may not. */
export function mediaSecurityHeaders(isPublic: boolean): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    // Even if a browser were tricked into rendering it as a document, nothing could run.
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cross-Origin-Resource-Policy": isPublic ? "cross-origin" : "same-origin",
  };
}

export function variantFor(photo: MediaPhoto, width: number): MediaPhoto["variants"][number] | undefined {
  return photo.variants.find((v) => v.width >= width) ?? photo.variants.at(-1);
}

export function variantEtag(photo: MediaPhoto, file: string): string {
  return `"${photo.id}.${photo.accessVersion}.${file}"`;
}

/** An answer already decided, for whichever server writes it (a Response, or Node's own). */
export interface MediaAnswer {
  status: 200 | 304;
  headers: Record<string, string>;
  body: Uint8Array | null;
}

/**
 * A public photo's small variant (a thumbnail, the small rungs), the same for everyone: from memory
 * (or Redis), with a year's caching under its versioned URL. Null when this is not such a request
 * (the photo is not public, or the variant is too big to keep in memory, or its object is missing):
 * the caller decides and streams as for any other request. `photo` must be the current row
 * (loadCurrentPhoto).
 */
export async function answerPublicVariant(
  photo: MediaPhoto,
  path: MediaPath,
  ifNoneMatch: string | null,
): Promise<MediaAnswer | null> {
  if (path.width === null || !isPubliclyVisible(photo)) return null;
  const variant = variantFor(photo, path.width);
  if (!variant || variant.byteSize > HOT_BYTES_MAX) return null;
  const etag = variantEtag(photo, path.file);
  const headers: Record<string, string> = {
    ...mediaSecurityHeaders(true),
    "Content-Type": `image/${variant.format}`,
    "Cache-Control": `public, max-age=${YEAR_S}, immutable`,
    ETag: etag,
  };
  if (ifNoneMatch === etag) return { status: 304, headers, body: null };
  // A popular thumbnail is in this process's memory: no await, so no promise, on that path.
  const bytes = peekMediaBytes(variant.key) ?? (await readMediaBytes(variant.key));
  if (!bytes) return null;
  headers["Content-Length"] = String(bytes.length);
  countDownload(`w${variant.width}`, bytes.length);
  return { status: 200, headers, body: bytes };
}

// Counted when the answer starts: the variant served (not the width asked for), so the label has
// only the ladder's few values.
export function countDownload(variant: string, bytes: number): void {
  const m = metrics();
  m.downloads.inc({ variant });
  m.downloadBytes.inc({ variant }, bytes);
}
