import "server-only";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { isUuid } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";

/** Takes an album out of one of the viewer's collections (the album itself stays). */
export async function removeCollectionAlbum(
  viewer: NonNullable<Viewer>,
  collectionId: string,
  albumId: string,
): Promise<void> {
  if (!isUuid(collectionId) || !isUuid(albumId))
    throw new AppError("not_found", "No such album in this collection");
  // Scoped through the collection's owner in the same statement: no gap between check and write.
  const removed = await db().$executeRaw`
    DELETE FROM collection_albums ca USING collections c
    WHERE ca.collection_id = c.id AND c.id = ${collectionId}::uuid AND c.owner_id = ${viewer.id}::uuid
      AND ca.album_id = ${albumId}::uuid`;
  if (removed === 0) throw new AppError("not_found", "No such album in this collection");
  // A cover must be one of the collection's albums.
  await db().collection.updateMany({
    where: { id: collectionId, ownerId: viewer.id, coverAlbumId: albumId },
    data: { coverAlbumId: null },
  });
}
