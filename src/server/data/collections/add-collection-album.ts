import "server-only";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { isUuid } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";

const STEP = 1024;

/**
 * Appends one of the viewer's albums to one of their collections (already in it: stays where it is).
 * Returns the album's title. Both must be the viewer's: anything else is not found.
 */
export async function addCollectionAlbum(
  viewer: NonNullable<Viewer>,
  collectionId: string,
  albumId: string,
): Promise<{ albumTitle: string }> {
  if (!isUuid(collectionId)) throw new AppError("not_found", "No such collection");
  if (!isUuid(albumId)) throw new AppError("not_found", "No such album");
  return db().$transaction(async (tx) => {
    // Locking the collection queues concurrent appends, so none share the end.
    const [collection] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM collections WHERE id = ${collectionId}::uuid AND owner_id = ${viewer.id}::uuid FOR UPDATE`;
    if (!collection) throw new AppError("not_found", "No such collection");
    const album = await tx.album.findFirst({
      where: { id: albumId, ownerId: viewer.id, trashedAt: null },
      select: { title: true },
    });
    if (!album) throw new AppError("not_found", "No such album");
    await tx.$executeRaw`
      INSERT INTO collection_albums (collection_id, album_id, position)
      SELECT ${collectionId}::uuid, ${albumId}::uuid, COALESCE(max(position), 0) + ${STEP}
      FROM collection_albums WHERE collection_id = ${collectionId}::uuid
      ON CONFLICT (collection_id, album_id) DO NOTHING`;
    return { albumTitle: album.title };
  });
}
