import "server-only";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { isUuid } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";
import { lockAlbumAndDefault, takeOutOfAlbum } from "./remove-photos-from-album";

export interface DeletedAlbum {
  /** Photos that were in it (they stay in their other albums, or go back to the default album). */
  movedPhotos: number;
  defaultAlbumId: string;
  defaultAlbumTitle: string;
}

/**
 * Deletes one of the viewer's albums. Its photos are never deleted with it: in the same transaction
 * those at home in it move home to the next album they are in or, in no other, back to the owner's
 * default album, appended at its end in their album order. The default
 * album itself cannot be deleted (every photo must have an album to return to).
 */
export async function deleteAlbum(viewer: NonNullable<Viewer>, albumId: string): Promise<DeletedAlbum> {
  if (!isUuid(albumId)) throw new AppError("not_found", "No such album");
  return db().$transaction(async (tx) => {
    // Locks both albums, so a concurrent upload or move into either waits for us (and sees the end).
    const albums = await lockAlbumAndDefault(tx, viewer.id, albumId);
    const album = albums.find((a) => a.id === albumId);
    const fallback = albums.find((a) => a.is_default);
    if (!album) throw new AppError("not_found", "No such album");
    if (album.is_default || !fallback) {
      throw new AppError(
        "conflict",
        `“${album.title}” holds photos that are in no other album and can't be deleted`,
      );
    }
    // Every photo leaves it: those at home here move home to their next album, or the default one.
    const { removed } = await takeOutOfAlbum(tx, viewer.id, album, fallback, null);
    const movedPhotos = removed;
    await tx.album.delete({ where: { id: album.id } });
    return { movedPhotos, defaultAlbumId: fallback.id, defaultAlbumTitle: fallback.title };
  });
}
