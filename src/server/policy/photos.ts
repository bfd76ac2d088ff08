import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db, dbFor } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import type { Viewer } from "./viewer";

// Who may see a photo, as one SQL condition every read composes with. A photo is visible to its
// owner always; to others only when it is ready, not hidden or deleted, and either it or its album
// grants them access (the union rule): public, or shared with them by name.
export function visiblePhotoWhere(viewer: Viewer): Prisma.PhotoWhereInput {
  const grantedToOthers: Prisma.PhotoWhereInput = {
    status: "READY",
    hiddenAt: null,
    OR: [
      { visibility: "PUBLIC" },
      { album: { visibility: "PUBLIC" } },
      ...(viewer
        ? [
            { visibility: "SHARED" as const, accessGrants: { some: { userId: viewer.id } } },
            { album: { visibility: "SHARED" as const, accessGrants: { some: { userId: viewer.id } } } },
          ]
        : []),
    ],
  };
  // The AND keeps `deletedAt` outside the OR: "not deleted AND (owner OR granted)", never the reverse.
  return {
    deletedAt: null,
    AND: [viewer ? { OR: [{ ownerId: viewer.id }, grantedToOthers] } : grantedToOthers],
  };
}

/** Anyone on the internet may see it: its media may be cached publicly under versioned URLs. */
export function isPubliclyVisible(photo: {
  status: string;
  hiddenAt: Date | null;
  deletedAt: Date | null;
  visibility: string;
  album: { visibility: string };
}): boolean {
  return (
    photo.status === "READY" &&
    !photo.hiddenAt &&
    !photo.deletedAt &&
    (photo.visibility === "PUBLIC" || photo.album.visibility === "PUBLIC")
  );
}

/** The columns `photoAccessFor` decides on: what a media request loads anyway. */
export interface PhotoAccessRow {
  id: string;
  ownerId: string;
  status: string;
  hiddenAt: Date | null;
  deletedAt: Date | null;
  visibility: string;
  album: { visibility: string };
}

/** How a viewer sees a photo: as its owner, as anyone on the internet, or as a named viewer. */
export type PhotoAccess = "owner" | "public" | "granted";

/**
 * How the viewer may see a photo row already loaded, or null: the same answer as `visiblePhotoWhere`,
 * decided from the row where it can be (owner, public), so only a named viewer's grant costs a query.
 */
export async function photoAccessFor(viewer: Viewer, photo: PhotoAccessRow): Promise<PhotoAccess | null> {
  if (photo.deletedAt) return null;
  if (viewer && viewer.id === photo.ownerId) return "owner";
  if (isPubliclyVisible(photo)) return "public";
  if (!viewer) return null;
  return (await checkPhotoAccess(viewer, [photo.id])).has(photo.id) ? "granted" : null;
}

/**
 * Which copy of the original someone who may see the photo may download: the file as uploaded (the
 * owner alone: it keeps its EXIF, GPS included), the file without its location (anyone else, when the
 * owner allows it), or none.
 */
export function originalCopyFor(
  viewer: Viewer,
  photo: { ownerId: string; allowOriginal: boolean },
): "as-uploaded" | "without-location" | null {
  if (viewer && viewer.id === photo.ownerId) return "as-uploaded";
  return photo.allowOriginal ? "without-location" : null;
}

/** The subset of `ids` the viewer may see. */
export async function checkPhotoAccess(viewer: Viewer, ids: string[]): Promise<Set<string>> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return new Set();
  // The primary, for anonymous visitors too: a replica's lag would still grant a photo made private.
  const primary = db().$primary();
  const rows = await primary.photo.findMany({
    where: { id: { in: valid }, ...visiblePhotoWhere(viewer) },
    select: { id: true },
  });
  return new Set(rows.map((r) => r.id));
}

/** Throws not_found (never forbidden: a hidden photo's existence is not confirmed) unless visible. */
export async function requirePhotoAccess(viewer: Viewer, id: string): Promise<void> {
  if (!(await checkPhotoAccess(viewer, [id])).has(id)) throw new AppError("not_found", "No such photo");
}

/** Owner-only changes. Another user's photo is reported as not found. */
export async function requirePhotoOwner(viewer: Viewer, id: string): Promise<void> {
  if (!viewer || !isUuid(id)) throw new AppError("not_found", "No such photo");
  const row = await dbFor(viewer).photo.findFirst({
    where: { id, ownerId: viewer.id, deletedAt: null },
    select: { id: true },
  });
  if (!row) throw new AppError("not_found", "No such photo");
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
