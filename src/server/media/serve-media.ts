import "server-only";
import { Readable } from "node:stream";
import { getCurrentUser } from "@/server/auth/current-user";
import { db } from "@/server/db/client";
import { openShareLink } from "@/server/data/share-links/open-share-link";
import { checkPhotoAccess, isPubliclyVisible, isUuid } from "@/server/policy/photos";
import { checkPhotoAccessViaLink } from "@/server/policy/share-links";
import { attachmentDisposition } from "@/server/storage/content-disposition";
import { storage } from "@/server/storage/storage";

const YEAR_S = 31_536_000;

function notFound(): Response {
  return new Response("Not found", {
    status: 404,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/**
 * Serves one pre-generated variant (`w320.webp`) or the original of a photo. Every request is
 * checked: public media is cacheable for a year under its versioned URL; anything else is
 * `private, no-cache`, so a revoked viewer is refused on the very next request.
 *
 * `?s=<token>` (what share pages ask for) is decided by that share link alone, whoever is signed in:
 * the link must be live, cover this photo, and be unlocked in this browser if it has a password.
 * Those answers are `private, no-store`: nothing keeps them once the link is revoked.
 */
export async function serveMedia(
  request: Request,
  params: { photoId: string; version: string; file: string },
): Promise<Response> {
  const { photoId, version, file } = params;
  const match = /^w(\d{1,4})\.webp$/.exec(file);
  if (!isUuid(photoId) || !/^\d{1,9}$/.test(version) || (!match && file !== "original")) return notFound();

  const photo = await db().photo.findUnique({
    where: { id: photoId },
    select: {
      id: true,
      ownerId: true,
      status: true,
      visibility: true,
      hiddenAt: true,
      deletedAt: true,
      accessVersion: true,
      originalKey: true,
      originalName: true,
      mimeType: true,
      album: { select: { visibility: true } },
      variants: { select: { width: true, key: true, format: true }, orderBy: { width: "asc" } },
    },
  });
  // An old version's URL is refused: narrowing access bumps the version.
  if (!photo || photo.deletedAt || photo.accessVersion !== Number(version)) return notFound();

  const shareToken = new URL(request.url).searchParams.get("s");
  const viaLink = shareToken !== null;
  if (viaLink && !(await linkOpensPhoto(shareToken, photo.id))) return notFound();
  const isPublic = !viaLink && isPubliclyVisible(photo);
  const viewer = viaLink || (isPublic && match) ? null : await getCurrentUser();
  if (!viaLink && !isPublic && !(await checkPhotoAccess(viewer, [photo.id])).has(photo.id)) return notFound();

  let key: string;
  let contentType: string;
  let disposition: string | undefined;
  if (match) {
    const wanted = Number(match[1]);
    const variant = photo.variants.find((v) => v.width >= wanted) ?? photo.variants.at(-1);
    if (!variant) return notFound();
    key = variant.key;
    contentType = `image/${variant.format}`;
  } else {
    // Originals keep their metadata (GPS included): the owner's alone for now. A link holder is
    // another non-owner and follows the same rule; TODO(originals): once originals are served with
    // their GPS stripped, let `photo.allowOriginal` open them to others, link holders included.
    if (viaLink || !viewer || viewer.id !== photo.ownerId) return notFound();
    key = photo.originalKey;
    contentType = photo.mimeType;
    disposition = attachmentDisposition(photo.originalName || photo.id);
  }

  const cacheControl = viaLink
    ? "private, no-store"
    : isPublic && match
      ? `public, max-age=${YEAR_S}, immutable`
      : "private, no-cache";
  const etag = `"${photo.id}.${photo.accessVersion}.${file}"`;
  const headers: Record<string, string> = {
    "Content-Type": contentType,
    "Cache-Control": cacheControl,
    ETag: etag,
    "X-Content-Type-Options": "nosniff",
    // Even if a browser were tricked into rendering it as a document, nothing could run.
    "Content-Security-Policy": "default-src 'none'; sandbox",
    // Public photos may be embedded elsewhere, as on any photo site; private ones may not.
    "Cross-Origin-Resource-Policy": isPublic ? "cross-origin" : "same-origin",
  };
  if (!isPublic) headers.Vary = "Cookie";
  if (disposition) headers["Content-Disposition"] = disposition;
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });

  const object = await storage().get(key);
  if (!object) return notFound();
  headers["Content-Length"] = String(object.size);
  return new Response(Readable.toWeb(object.body) as ReadableStream, { status: 200, headers });
}

// A live link that covers the photo and, for a password link, this browser's unlock cookie for it.
async function linkOpensPhoto(token: string, photoId: string): Promise<boolean> {
  const opened = await openShareLink(token);
  if (!opened?.unlocked) return false;
  return (await checkPhotoAccessViaLink(opened.link, [photoId])).has(photoId);
}
