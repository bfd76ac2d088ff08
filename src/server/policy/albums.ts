import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db, dbFor } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { isUuid } from "./photos";
import type { Viewer } from "./viewer";

// Who may see an album as an album (its page, its title, its place in lists): the owner always;
// anyone when it is PUBLIC; a named viewer when it is SHARED and an access grant names them.
//
// An album whose own visibility is PRIVATE is not visible to others even when every photo in it is
// public. The album is the owner's grouping, and its title and description may say more than the
// photos do ("Surprise party plans"). Those photos lose nothing: each stays visible by its own
// visibility (photostream, explore, its page), through the access model (./access.ts). A SHARED
// album lends its photos to its named viewers; it never widens album access.
export function visibleAlbumWhere(viewer: Viewer): Prisma.AlbumWhereInput {
  const grantedToOthers: Prisma.AlbumWhereInput[] = [{ visibility: "PUBLIC" }];
  if (viewer) {
    grantedToOthers.push({ visibility: "SHARED", accessGrants: { some: { userId: viewer.id } } });
  }
  // One OR at the top: "owner OR public OR shared-with-me"; nothing else composes into it here, so
  // a caller adding `id` or `ownerId` beside it gets "that AND (…)", never "(that AND owner) OR …".
  // A trashed album is nobody's to see here (the owner's trash page reads it on its own).
  return {
    trashedAt: null,
    OR: viewer ? [{ ownerId: viewer.id }, ...grantedToOthers] : grantedToOthers,
  };
}

/** The subset of `ids` the viewer may see as albums. */
export async function checkAlbumAccess(viewer: Viewer, ids: string[]): Promise<Set<string>> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return new Set();
  // The primary, for anonymous visitors too: a replica's lag would still grant an album made private.
  const primary = db().$primary();
  const rows = await primary.album.findMany({
    where: { AND: [{ id: { in: valid } }, visibleAlbumWhere(viewer)] },
    select: { id: true },
  });
  return new Set(rows.map((r) => r.id));
}

/** Throws not_found (never forbidden: an album's existence is not confirmed) unless visible. */
export async function requireAlbumAccess(viewer: Viewer, id: string): Promise<void> {
  if (!(await checkAlbumAccess(viewer, [id])).has(id)) throw new AppError("not_found", "No such album");
}

/** Owner-only changes. Another user's album is reported as not found. */
export async function requireAlbumOwner(viewer: Viewer, id: string): Promise<void> {
  if (!viewer || !isUuid(id)) throw new AppError("not_found", "No such album");
  const row = await dbFor(viewer).album.findFirst({
    where: { id, ownerId: viewer.id },
    select: { id: true },
  });
  if (!row) throw new AppError("not_found", "No such album");
}
