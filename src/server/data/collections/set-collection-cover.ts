import "server-only";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { isUuid } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";

/** Makes one of a collection's albums stand for it (its cover shows on the collection's card). */
export async function setCollectionCover(
  viewer: NonNullable<Viewer>,
  collectionId: string,
  albumId: string,
): Promise<void> {
  if (!isUuid(collectionId) || !isUuid(albumId))
    throw new AppError("not_found", "No such album in this collection");
  // Only an album already in the viewer's collection qualifies: one statement, no gap.
  const updated = await db().$executeRaw`
    UPDATE collections c SET cover_album_id = ${albumId}::uuid, updated_at = now()
    WHERE c.id = ${collectionId}::uuid AND c.owner_id = ${viewer.id}::uuid
      AND EXISTS (SELECT 1 FROM collection_albums ca WHERE ca.collection_id = c.id AND ca.album_id = ${albumId}::uuid)`;
  if (updated === 0) throw new AppError("not_found", "No such album in this collection");
}
