import "server-only";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { isUuid } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";

/**
 * Moves an album one place earlier or later in one of the viewer's collections (swapping places with
 * its neighbour). Returns its new place (1-based) and how many albums the collection holds.
 */
export async function moveCollectionAlbum(
  viewer: NonNullable<Viewer>,
  collectionId: string,
  albumId: string,
  direction: "earlier" | "later",
): Promise<{ place: number; count: number }> {
  const missing = new AppError("not_found", "No such album in this collection");
  if (!isUuid(collectionId) || !isUuid(albumId)) throw missing;
  return db().$transaction(async (tx) => {
    const [collection] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM collections WHERE id = ${collectionId}::uuid AND owner_id = ${viewer.id}::uuid FOR UPDATE`;
    if (!collection) throw missing;
    const order = await tx.$queryRaw<{ album_id: string; position: number }[]>`
      SELECT album_id, position FROM collection_albums WHERE collection_id = ${collectionId}::uuid
      ORDER BY position, album_id`;
    const index = order.findIndex((r) => r.album_id === albumId);
    if (index < 0) throw missing;
    const other = direction === "earlier" ? index - 1 : index + 1;
    const neighbour = order[other];
    if (!neighbour) return { place: index + 1, count: order.length };
    const self = order[index]!;
    // Equal positions (never written by this app, but cheap to survive) still swap by index.
    const [a, b] =
      self.position === neighbour.position
        ? [other * 1024 + 1024, index * 1024 + 1024]
        : [neighbour.position, self.position];
    await tx.$executeRaw`
      UPDATE collection_albums SET position = CASE album_id WHEN ${albumId}::uuid THEN ${a}::float8 ELSE ${b}::float8 END
      WHERE collection_id = ${collectionId}::uuid AND album_id IN (${albumId}::uuid, ${neighbour.album_id}::uuid)`;
    return { place: other + 1, count: order.length };
  });
}
