import "server-only";
import { buffer } from "node:stream/consumers";
import { env } from "@/env";
import { db } from "@/server/db/client";
import { boundedQueue } from "@/server/images/bounded-queue";
import { stripLocation } from "@/server/images/strip-gps";
import { logger } from "@/server/log/logger";
import { metrics } from "@/server/metrics/registry";
import { sharedOriginalKey } from "@/server/storage/keys";
import { storage } from "@/server/storage/storage";

/** A photo's original without its location, as stored for everyone but its owner. */
export interface SharedOriginal {
  key: string;
  contentType: string;
  size: number;
  /** The bytes, when this call has just made them: served without reading them back. */
  data?: Buffer;
}

// Image work a request can start: each holds an original in memory (at most UPLOAD_MAX_BYTES) and a
// re-encode a decoded copy besides, and a HEIC decode takes seconds. Two at once and a short line;
// past that a request is told to come back (503, Retry-After) instead of waiting behind everyone.
export const REQUEST_CONCURRENCY = 2;
export const REQUEST_MAX_WAITING = 8;
/** What a refused request is told to wait: about what the line ahead of it takes to clear. */
export const BUSY_RETRY_AFTER_S = 10;
const requestQueue = boundedQueue(REQUEST_CONCURRENCY, REQUEST_MAX_WAITING);

// One making per photo in this process: every request that arrives meanwhile waits on it.
const inFlight = new Map<string, Promise<SharedOriginal | null>>();

const EXT_BY_TYPE: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "image/gif": "gif",
};

/**
 * The copy without location for a request that found none it could serve: the one being made, or a
 * new making in the request queue; "busy" when that queue is full (answer 503 with Retry-After).
 * `remake`: the recorded copy's file is missing from the store.
 */
export function sharedOriginalOnRequest(
  photoId: string,
  { remake = false } = {},
): Promise<SharedOriginal | null> | "busy" {
  const pending = inFlight.get(photoId);
  if (pending) return pending;
  const run = requestQueue.tryRun(() => makeSharedOriginal(photoId, { where: "request", remake }));
  if (!run) {
    metrics().imageQueueRejections.inc();
    return "busy";
  }
  return remember(photoId, run);
}

/** The `make-shared-original` job: makes the copy unless it is recorded or downloads are off. */
export async function makeSharedOriginalJob(photoId: string): Promise<void> {
  await (inFlight.get(photoId) ?? remember(photoId, makeSharedOriginal(photoId, { where: "job" })));
}

// Every caller for this photo gets this promise until it settles.
function remember(photoId: string, making: Promise<SharedOriginal | null>): Promise<SharedOriginal | null> {
  const settled = making.finally(() => {
    if (inFlight.get(photoId) === settled) inFlight.delete(photoId);
  });
  inFlight.set(photoId, settled);
  return settled;
}

/**
 * Makes the original without its location (stripLocation), stores it beside the variants and
 * records it on the photo, once: a recorded copy is returned as it is (unless `remake`: its file is
 * missing), and a photo that is gone, or whose owner has turned downloads off, is left alone (null). A photo deleted while its copy was being made gets no
 * record, and the file goes. Throws stripLocation's unprocessable error for a file that cannot be
 * cleaned, which is then never offered.
 */
export async function makeSharedOriginal(
  photoId: string,
  { where, remake = false }: { where: "job" | "request"; remake?: boolean },
): Promise<SharedOriginal | null> {
  const photo = await db()
    .$primary()
    .photo.findUnique({
      where: { id: photoId },
      select: {
        ownerId: true,
        originalKey: true,
        allowOriginal: true,
        deletedAt: true,
        sharedOriginalKey: true,
        sharedOriginalType: true,
        sharedOriginalSize: true,
        album: { select: { id: true, isDefault: true } },
      },
    });
  if (!photo || photo.deletedAt || !photo.allowOriginal) return null;
  const { sharedOriginalKey: storedKey, sharedOriginalType, sharedOriginalSize } = photo;
  if (storedKey && sharedOriginalType && sharedOriginalSize !== null && !remake) {
    return { key: storedKey, contentType: sharedOriginalType, size: sharedOriginalSize };
  }

  const { UPLOAD_MAX_BYTES, UPLOAD_MAX_PIXELS } = env();
  const object = await storage().get(photo.originalKey);
  if (!object) return null;
  if (object.size > UPLOAD_MAX_BYTES) {
    // An original accepted under a higher limit: not worth holding in memory.
    object.body.destroy();
    logger().warn(
      { key: photo.originalKey, bytes: object.size },
      "original over UPLOAD_MAX_BYTES; not rewritten",
    );
    return null;
  }
  const stripped = await stripLocation(await buffer(object.body), { maxPixels: UPLOAD_MAX_PIXELS });
  const ext = EXT_BY_TYPE[stripped.contentType] ?? "jpg";
  const albumId = photo.album.isDefault ? null : photo.album.id;
  const key = sharedOriginalKey({ ownerId: photo.ownerId, albumId, photoId, ext });
  await storage().put(key, stripped.data, { contentType: stripped.contentType });
  const recorded = await db().photo.updateMany({
    where: { id: photoId, deletedAt: null },
    data: {
      sharedOriginalKey: key,
      sharedOriginalType: stripped.contentType,
      sharedOriginalSize: stripped.data.length,
    },
  });
  if (recorded.count === 0) {
    // Deleted meanwhile: its deletion job may have run before this file existed.
    await storage().delete(key);
    return null;
  }
  metrics().sharedOriginalsMade.inc({ where });
  return { key, contentType: stripped.contentType, size: stripped.data.length, data: stripped.data };
}

/** `IMG_1234.HEIC` → `IMG_1234.jpg`, for a re-encoded copy. */
export function reencodedName(name: string): string {
  return `${name.replace(/\.[^./\\]*$/, "") || "photo"}.jpg`;
}
