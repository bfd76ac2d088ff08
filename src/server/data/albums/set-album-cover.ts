import "server-only";
import { db, dbFor } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { isUuid } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";

/**
 * Makes one of the album's own ready photos its cover (null: no chosen cover). The photo must be in
 * that album: a cover from elsewhere could put a private photo on a public album's face.
 */
export async function setAlbumCover(
  viewer: NonNullable<Viewer>,
  input: { albumId: string; photoId: string | null },
): Promise<void> {
  const { albumId, photoId } = input;
  if (!isUuid(albumId)) throw new AppError("not_found", "No such album");
  if (photoId !== null && !isUuid(photoId)) throw new AppError("not_found", "No such photo in this album");
  // One conditional UPDATE: the album and the photo are checked in the statement that writes.
  const { count } = await db().album.updateMany({
    where: {
      id: albumId,
      ownerId: viewer.id,
      ...(photoId
        ? {
            members: {
              some: {
                photoId,
                photo: { ownerId: viewer.id, status: "READY", deletedAt: null, trashedAt: null },
              },
            },
          }
        : {}),
    },
    data: { coverPhotoId: photoId },
  });
  if (count > 0) return;
  const album = await dbFor(viewer).album.findFirst({
    where: { id: albumId, ownerId: viewer.id },
    select: { id: true },
  });
  throw new AppError("not_found", album ? "No such photo in this album" : "No such album");
}
