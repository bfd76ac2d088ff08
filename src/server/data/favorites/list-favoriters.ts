import "server-only";
import { dbFor } from "@/server/db/client";
import { requirePhotoOwner } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";

export interface Favoriter {
  handle: string;
  displayName: string;
}

/** Who favorited a photo: for its owner only (anyone else is told the photo does not exist). */
export async function listFavoriters(
  viewer: NonNullable<Viewer>,
  photoId: string,
  limit = 100,
): Promise<Favoriter[]> {
  await requirePhotoOwner(viewer, photoId);
  const rows = await dbFor(viewer).favorite.findMany({
    where: { photoId, photo: { ownerId: viewer.id } },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { user: { select: { handle: true, displayName: true } } },
  });
  return rows.map((r) => r.user);
}
