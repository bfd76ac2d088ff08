import "server-only";
import { dbFor } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { checkAccess, isPubliclyVisible, viewerActor } from "./access";
import type { Viewer } from "./viewer";

/** The columns `photoAccessFor` decides on: what a media request loads anyway. */
export interface PhotoAccessRow {
  id: string;
  ownerId: string;
  status: string;
  hiddenAt: Date | null;
  deletedAt: Date | null;
  trashedAt: Date | null;
  visibility: string;
}

/** How a viewer sees a photo: as its owner, as anyone on the internet, or as a named viewer. */
export type PhotoAccess = "owner" | "public" | "granted";

/**
 * How the viewer may see a photo row already loaded, or null: the same answer as `checkAccess`,
 * decided from the row where it can be (owner, public), so only a named viewer's grant costs a query.
 */
export async function photoAccessFor(viewer: Viewer, photo: PhotoAccessRow): Promise<PhotoAccess | null> {
  if (photo.deletedAt || photo.trashedAt) return null;
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

/** The subset of `ids` the viewer may see (`checkAccess` for a viewer reading). */
export function checkPhotoAccess(viewer: Viewer, ids: string[]): Promise<Set<string>> {
  return checkAccess(viewerActor(viewer), "read", ids);
}

/** Throws not_found (never forbidden: a hidden photo's existence is not confirmed) unless visible. */
export async function requirePhotoAccess(viewer: Viewer, id: string): Promise<void> {
  if (!(await checkPhotoAccess(viewer, [id])).has(id)) throw new AppError("not_found", "No such photo");
}

/** Owner-only changes. Another user's photo is reported as not found. */
export async function requirePhotoOwner(viewer: Viewer, id: string): Promise<void> {
  if (!viewer || !isUuid(id)) throw new AppError("not_found", "No such photo");
  const row = await dbFor(viewer).photo.findFirst({
    where: { id, ownerId: viewer.id, deletedAt: null, trashedAt: null },
    select: { id: true },
  });
  if (!row) throw new AppError("not_found", "No such photo");
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
