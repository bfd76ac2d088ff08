import "server-only";
import { isPubliclyVisible } from "@/server/policy/access";
import { Readable } from "node:stream";
import { env } from "@/env";
import { getCurrentUser } from "@/server/auth/current-user";
import { openShareLink } from "@/server/data/share-links/open-share-link";
import { AppError } from "@/server/errors/app-error";
import { mayPreviewReportedPhoto } from "@/server/policy/admin";
import { requestLogger } from "@/server/log/request-logger";
import { isUuid, originalCopyFor, photoAccessFor } from "@/server/policy/photos";
import { checkPhotoAccessViaLink } from "@/server/policy/share-links";
import type { Viewer } from "@/server/policy/viewer";
import { attachmentDisposition } from "@/server/storage/content-disposition";
import { storage } from "@/server/storage/storage";
import { loadMediaPhoto, type MediaPhoto } from "./load-media-photo";
import { readOriginalWithoutLocation, reencodedName } from "./original-without-location";
import {
  answerPublicVariant,
  countDownload,
  loadCurrentPhoto,
  mediaSecurityHeaders,
  parseMediaPath,
  variantEtag,
  variantFor,
  YEAR_S,
} from "./public-thumbnail";

// A public photo's location-free original may sit in shared caches, but not for a year: a better
// rewrite (or a turned-off download, which also bumps the URL's version) should reach them soon.
const ORIGINAL_PUBLIC_MAX_AGE_S = 86_400;

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
 * `private, no-cache`, so a revoked viewer is refused on the very next request. The original is
 * always an attachment: as uploaded for its owner (never stored by any cache), without its location
 * for others when the owner allows downloads.
 *
 * `?s=<token>` (what share pages ask for) is decided by that share link alone, whoever is signed in:
 * the link must be live, cover this photo, and be unlocked in this browser if it has a password. The
 * holder is one of "others" for the original. Those answers are `private, no-store`: nothing keeps
 * them once the link is revoked.
 */
export async function serveMedia(
  request: Request,
  params: { photoId: string; version: string; file: string },
): Promise<Response> {
  const path = parseMediaPath(params);
  if (!path) return notFound();
  const photo = await loadCurrentPhoto(path);
  if (!photo) return notFound();

  const shareToken = new URL(request.url).searchParams.get("s");
  const viaLink = shareToken !== null;
  if (viaLink && !(await linkOpensPhoto(shareToken, photo.id))) return notFound();
  // A public variant is the same for everyone: no cookie is read, so no response depends on one.
  // (src/server/http/pinhole-server.ts answers these before Next's router, with the same function.)
  if (!viaLink) {
    const answer = await answerPublicVariant(photo, path, request.headers.get("if-none-match"));
    // A copy (a thumbnail is a few kB): the cached Buffer may be a slice of Node's shared pool.
    if (answer)
      return new Response(answer.body && new Uint8Array(answer.body), {
        status: answer.status,
        headers: answer.headers,
      });
  }
  const match = /^w(\d{1,4})\.webp$/.exec(path.file);
  const isPublic = !viaLink && isPubliclyVisible(photo);
  // A link decides alone: whoever is signed in, they are nobody here.
  const viewer = viaLink || (isPublic && match) ? null : await getCurrentUser();
  // The owner and public photos are decided from the row loaded above; only a grant costs a query.
  const access = viaLink ? null : await photoAccessFor(viewer, photo);
  // The moderation queue's preview of a reported photo: a display size only, never the original,
  // never kept by a cache (src/server/policy/admin.ts).
  const preview = !viaLink && !access && match !== null && (await mayPreviewReportedPhoto(viewer, photo.id));
  if (!viaLink && !access && !preview) return notFound();

  return respond(request, photo, match, viewer, { viaLink, isPublic, preview });
}

/**
 * The public API's download (`/api/v1/photos/<id>/download`): the same checks and bytes as the media
 * route, for a caller the API has already resolved (a token's owner, or nobody). Its URL carries no
 * version, so no cache may keep the answer; the API sends it `private, no-store`.
 */
export async function servePhotoFileAs(
  request: Request,
  viewer: Viewer,
  params: { photoId: string; file: string },
): Promise<Response> {
  const match = /^w(\d{1,4})\.webp$/.exec(params.file);
  if (!isUuid(params.photoId) || (!match && params.file !== "original")) return notFound();
  const photo = await loadMediaPhoto(params.photoId);
  if (!photo || photo.deletedAt || !(await photoAccessFor(viewer, photo))) return notFound();
  return respond(request, photo, match, viewer, { viaLink: false, isPublic: isPubliclyVisible(photo) });
}

// Who may see the photo has been decided: the bytes this viewer gets, with their caching rules.
async function respond(
  request: Request,
  photo: MediaPhoto,
  match: RegExpExecArray | null,
  viewer: Viewer,
  { viaLink, isPublic, preview = false }: { viaLink: boolean; isPublic: boolean; preview?: boolean },
): Promise<Response> {
  const file = match ? match[0] : "original";
  const headers = mediaSecurityHeaders(isPublic);
  if (!isPublic) headers.Vary = "Cookie";

  if (!match) {
    const copy = originalCopyFor(viewer, photo);
    if (!copy) return notFound();
    // Who asks decides which bytes come back, whatever the photo's visibility.
    headers.Vary = "Cookie";
    const name = photo.originalName || photo.id;
    if (copy === "without-location") return serveWithoutLocation(photo, name, isPublic, headers);
    const redirect = await redirectToStore(photo, name);
    if (redirect) return redirect;
    headers["Content-Type"] = photo.mimeType;
    headers["Content-Disposition"] = attachmentDisposition(name);
    // The file as uploaded carries the owner's location: never kept by any cache, private or shared.
    headers["Cache-Control"] = "private, no-store";
    return streamObject(photo.originalKey, headers, "original");
  }

  const variant = variantFor(photo, Number(match[1]));
  if (!variant) return notFound();
  const etag = variantEtag(photo, file);
  headers["Content-Type"] = `image/${variant.format}`;
  headers["Cache-Control"] =
    viaLink || preview
      ? "private, no-store"
      : isPublic
        ? `public, max-age=${YEAR_S}, immutable`
        : "private, no-cache";
  headers.ETag = etag;
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return streamObject(variant.key, headers, `w${variant.width}`);
}

/**
 * With S3_PRESIGN_ORIGINALS on the S3 driver, the owner's original (the file as stored, so as
 * uploaded) is downloaded from the bucket directly: a redirect to a presigned GET that lives
 * S3_PRESIGN_TTL_SECONDS and carries the same Content-Type and attachment name the app would send.
 * Only ever reached after the access check. Copies without location are rewritten by the app and
 * never stored, so they are always streamed. The redirect itself names a bearer URL to the owner's
 * file: no cache may keep it.
 */
async function redirectToStore(
  photo: { originalKey: string; mimeType: string },
  name: string,
): Promise<Response | null> {
  const { S3_PRESIGN_ORIGINALS, S3_PRESIGN_TTL_SECONDS } = env();
  const store = storage();
  if (!S3_PRESIGN_ORIGINALS || store.driver !== "s3") return null;
  const url = await store.presignedGet(photo.originalKey, {
    expiresInS: S3_PRESIGN_TTL_SECONDS,
    downloadName: name,
    contentType: photo.mimeType,
    // The bucket's answer is the owner's file with its location: no cache keeps it either.
    cacheControl: "private, no-store",
  });
  if (!url) return null;
  return new Response(null, {
    status: 302,
    headers: {
      Location: url,
      "Cache-Control": "private, no-store",
      Vary: "Cookie",
      // The bucket URL is a credential for its lifetime: not passed on as a referrer.
      "Referrer-Policy": "no-referrer",
    },
  });
}

async function streamObject(
  key: string,
  headers: Record<string, string>,
  variant: string,
): Promise<Response> {
  const object = await storage().get(key);
  if (!object) return notFound();
  headers["Content-Length"] = String(object.size);
  countDownload(variant, object.size);
  return new Response(Readable.toWeb(object.body) as ReadableStream, { status: 200, headers });
}

// A live link that covers the photo and, for a password link, this browser's unlock cookie for it.
async function linkOpensPhoto(token: string, photoId: string): Promise<boolean> {
  const opened = await openShareLink(token);
  if (!opened?.unlocked) return false;
  return (await checkPhotoAccessViaLink(opened.link, [photoId])).has(photoId);
}

async function serveWithoutLocation(
  photo: { originalKey: string },
  name: string,
  isPublic: boolean,
  headers: Record<string, string>,
): Promise<Response> {
  let stripped: Awaited<ReturnType<typeof readOriginalWithoutLocation>>;
  try {
    stripped = await readOriginalWithoutLocation(photo.originalKey);
  } catch (error) {
    // A file that cannot be rewritten is not offered: its location could not be vouched for. A store
    // that is not answering is not that: it is a 503 to retry.
    if (!(error instanceof AppError) || error.code === "unavailable") throw error;
    (await requestLogger()).warn(
      { err: error.cause ?? error, key: photo.originalKey },
      "original not offered: no copy without location",
    );
    return notFound();
  }
  if (!stripped) return notFound();
  headers["Content-Type"] = stripped.contentType;
  headers["Content-Disposition"] = attachmentDisposition(stripped.reencoded ? reencodedName(name) : name);
  headers["Cache-Control"] = isPublic ? `public, max-age=${ORIGINAL_PUBLIC_MAX_AGE_S}` : "private, no-store";
  headers["Content-Length"] = String(stripped.data.length);
  countDownload("original", stripped.data.length);
  return new Response(Readable.toWeb(Readable.from([stripped.data])) as ReadableStream, {
    status: 200,
    headers,
  });
}
