import "server-only";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { isUuid } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";
import { APPEND_STEP, appendBase } from "./album-positions";

export interface DeletedAlbum {
  /** Photos that went back to the default album. */
  movedPhotos: number;
  defaultAlbumId: string;
  defaultAlbumTitle: string;
}

/**
 * Deletes one of the viewer's albums. Its photos are never deleted with it: in the same transaction
 * they go back to the owner's default album, appended at its end in their album order. The default
 * album itself cannot be deleted (every photo must have an album to return to).
 */
export async function deleteAlbum(viewer: NonNullable<Viewer>, albumId: string): Promise<DeletedAlbum> {
  if (!isUuid(albumId)) throw new AppError("not_found", "No such album");
  return db().$transaction(async (tx) => {
    // Locks both albums, so a concurrent upload or move into either waits for us (and sees the end).
    const albums = await tx.$queryRaw<
      { id: string; title: string; visibility: string; is_default: boolean }[]
    >`
      SELECT id, title, visibility::text AS visibility, is_default FROM albums
      WHERE owner_id = ${viewer.id}::uuid AND (id = ${albumId}::uuid OR is_default)
      ORDER BY id FOR UPDATE`;
    const album = albums.find((a) => a.id === albumId);
    const fallback = albums.find((a) => a.is_default);
    if (!album) throw new AppError("not_found", "No such album");
    if (album.is_default || !fallback) {
      throw new AppError(
        "conflict",
        `“${album.title}” holds photos that are in no other album and can't be deleted`,
      );
    }

    const [end] = await tx.$queryRaw<{ max: number | null }[]>`
      SELECT max(position) AS max FROM photos WHERE album_id = ${fallback.id}::uuid`;
    const base = appendBase(end?.max ?? null);
    // A photo seen only because this album lent it access (PUBLIC or SHARED album, photo not PUBLIC
    // itself) loses that access: bump its version so media URLs cached publicly stop resolving.
    const lendsAccess = album.visibility !== "PRIVATE" && fallback.visibility !== "PUBLIC";
    const movedPhotos = await tx.$executeRaw`
      WITH moving AS (
        SELECT id, row_number() OVER (ORDER BY position, id) AS n FROM photos WHERE album_id = ${album.id}::uuid
      )
      UPDATE photos p
      SET album_id = ${fallback.id}::uuid,
          position = ${base}::float8 + m.n * ${APPEND_STEP}::float8,
          access_version = p.access_version
            + CASE WHEN ${lendsAccess}::boolean AND p.visibility <> 'PUBLIC' THEN 1 ELSE 0 END,
          updated_at = now()
      FROM moving m
      -- Re-checked if a concurrent move got there first: a photo that just left stays where it went.
      WHERE p.id = m.id AND p.album_id = ${album.id}::uuid`;
    await tx.album.delete({ where: { id: album.id } });
    return { movedPhotos, defaultAlbumId: fallback.id, defaultAlbumTitle: fallback.title };
  });
}
