import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
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

/** The subset of `ids` the viewer may see. */
export async function checkPhotoAccess(viewer: Viewer, ids: string[]): Promise<Set<string>> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return new Set();
  const rows = await db().photo.findMany({
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
  const row = await db().photo.findFirst({
    where: { id, ownerId: viewer.id, deletedAt: null },
    select: { id: true },
  });
  if (!row) throw new AppError("not_found", "No such photo");
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
