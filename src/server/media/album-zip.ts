import "server-only";
import { Readable } from "node:stream";
import ZipStream from "zip-stream";
import { getAlbum } from "@/server/data/albums/get-album";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { logger } from "@/server/log/logger";
import { visiblePhotoWhere } from "@/server/policy/access";
import { originalCopyFor } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";
import { attachmentDisposition } from "@/server/storage/content-disposition";
import { storage } from "@/server/storage/storage";
import { makeSharedOriginal, reencodedName } from "./shared-original";

// Photos read per query: the listing stays a few hundred rows in memory whatever the album's size.
const PAGE = 200;

const photoSelect = {
  id: true,
  ownerId: true,
  title: true,
  originalName: true,
  originalKey: true,
  mimeType: true,
  allowOriginal: true,
  takenAt: true,
  createdAt: true,
  variants: {
    select: { key: true, width: true, format: true },
    orderBy: { width: "desc" as const },
    take: 1,
  },
} as const;

type ZipPhoto = {
  id: string;
  ownerId: string;
  title: string;
  originalName: string;
  originalKey: string;
  mimeType: string;
  allowOriginal: boolean;
  takenAt: Date | null;
  createdAt: Date;
  variants: { key: string; width: number; format: string }[];
};

/**
 * The album as a ZIP, streamed as it is written: each photo is read from storage and copied into the
 * response one at a time, with the response's backpressure, so memory stays flat for any album
 * (nothing is built in memory or on disk first). Each viewer gets what they may download of each
 * photo they may see: the owner the originals as uploaded; others the original without its location
 * where the owner allows it, else the largest display size. Not found unless the viewer may see the
 * album.
 */
export async function albumZipResponse(
  viewer: Viewer,
  albumId: string,
  signal: AbortSignal,
): Promise<Response> {
  const album = await getAlbum(viewer, albumId);
  if (!album) throw new AppError("not_found", "No such album");
  const zip = new ZipStream({ store: true });
  const names = new Set<string>();
  // Started, not awaited: the loop writes while the response body is read.
  void (async () => {
    try {
      for await (const photo of albumPhotos(viewer, album.id)) {
        if (signal.aborted) break;
        const entry = await openEntry(viewer, photo);
        if (!entry) continue;
        await addEntry(zip, entry.source, {
          name: uniqueName(names, entry.name),
          date: photo.takenAt ?? photo.createdAt,
        });
      }
      zip.finalize();
    } catch (error) {
      if (!signal.aborted) logger().error({ err: error, albumId }, "streaming an album ZIP failed");
      zip.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  signal.addEventListener("abort", () => zip.destroy(), { once: true });
  return new Response(Readable.toWeb(zip as unknown as Readable) as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": attachmentDisposition(`${album.title || "Album"}.zip`),
      // Made for this viewer from what they may see: no cache keeps it.
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/**
 * The album's ready photos this viewer may see, every member (home here or not) in album order, a
 * page at a time from the primary.
 */
async function* albumPhotos(viewer: Viewer, albumId: string): AsyncGenerator<ZipPhoto> {
  let cursor: string | undefined;
  for (;;) {
    const page = await db()
      .$primary()
      .albumPhoto.findMany({
        where: { albumId, photo: { AND: [visiblePhotoWhere(viewer), { status: "READY" }] } },
        orderBy: [{ position: "asc" }, { photoId: "asc" }],
        select: { photoId: true, photo: { select: photoSelect } },
        take: PAGE,
        ...(cursor ? { cursor: { albumId_photoId: { albumId, photoId: cursor } }, skip: 1 } : {}),
      });
    for (const member of page) yield member.photo;
    if (page.length < PAGE) return;
    cursor = page.at(-1)!.photoId;
  }
}

/** What this viewer gets of one photo, opened for reading, and its name in the archive. */
async function openEntry(
  viewer: Viewer,
  photo: ZipPhoto,
): Promise<{ source: Readable | Buffer; name: string } | null> {
  const base = baseName(photo);
  const copy = originalCopyFor(viewer, photo);
  if (copy === "as-uploaded") {
    const object = await storage().get(photo.originalKey);
    return object ? { source: object.body, name: `${base}${extensionOf(photo)}` } : null;
  }
  if (copy === "without-location") {
    // The stored copy without location (made once per photo: shared-original.ts), made now if need be.
    const shared = await makeSharedOriginal(photo.id, { where: "request" }).catch(() => null);
    const source = shared ? (shared.data ?? (await storage().get(shared.key))?.body) : undefined;
    if (shared && source) {
      const reencoded = shared.contentType !== photo.mimeType;
      return { source, name: reencoded ? reencodedName(base) : `${base}${extensionOf(photo)}` };
    }
  }
  const variant = photo.variants[0];
  const object = variant ? await storage().get(variant.key) : null;
  return object && variant ? { source: object.body, name: `${base}.${variant.format}` } : null;
}

// Resolves once the entry is written; a ZIP closed meanwhile (the client went away) closes the source
// too, so no file stays open.
function addEntry(
  zip: ZipStream,
  source: Readable | Buffer,
  data: { name: string; date: Date },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const onClose = () => {
      if (source instanceof Readable) source.destroy();
      reject(new Error("the ZIP stream closed"));
    };
    zip.once("close", onClose);
    zip.entry(source, { ...data, store: true }, (error) => {
      zip.off("close", onClose);
      if (error) reject(error);
      else resolve();
    });
  });
}

// A name safe on every system: no path, no control or direction characters, not too long.
function baseName(photo: ZipPhoto): string {
  const stem = photo.title.trim() || photo.originalName.replace(/\.[^./\\]*$/, "").trim();
  const safe = stem
    .replace(/[\p{Cc}\u202A-\u202E\u2066-\u2069/\\:*?"<>|]/gu, "_")
    .replace(/^[.\s]+|[.\s]+$/g, "")
    .slice(0, 100);
  return safe || photo.id;
}

function extensionOf(photo: ZipPhoto): string {
  const fromName = /\.([a-z0-9]{1,5})$/i.exec(photo.originalName)?.[1];
  if (fromName) return `.${fromName.toLowerCase()}`;
  const fromType = photo.mimeType.split("/")[1]?.replace("jpeg", "jpg");
  return fromType ? `.${fromType}` : "";
}

/** `Lisbon.jpg`, then `Lisbon (2).jpg`, … (compared case-insensitively, as most file systems do). */
function uniqueName(taken: Set<string>, name: string): string {
  const dot = name.lastIndexOf(".");
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
  let candidate = name;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem} (${n})${ext}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}
