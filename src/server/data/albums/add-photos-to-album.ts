import "server-only";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { isUuid } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";
import { appendToAlbum } from "./move-photos";

export interface AddedPhotos {
  /** The viewer's photos among the ids (the rest matched nothing: not theirs, or no such photo). */
  found: number;
  /** Of those, the ones that joined the album (the rest were in it already and keep their place). */
  added: number;
  albumTitle: string;
}

/**
 * Adds the viewer's own photos among `ids` to one more of the viewer's albums, appended at its end in
 * the order of `ids`. Their home album and other albums stay as they are.
 */
export async function addPhotosToAlbum(
  viewer: NonNullable<Viewer>,
  ids: string[],
  albumId: string,
): Promise<AddedPhotos> {
  if (!isUuid(albumId)) throw new AppError("not_found", "No such album");
  const valid = [...new Set(ids.filter(isUuid))];
  return db().$transaction(async (tx) => {
    // Locking the album makes concurrent appends (and reorders) queue, so none share the end.
    const [album] = await tx.$queryRaw<{ id: string; title: string }[]>`
      SELECT id, title FROM albums
      WHERE id = ${albumId}::uuid AND owner_id = ${viewer.id}::uuid AND trashed_at IS NULL FOR UPDATE`;
    if (!album) throw new AppError("not_found", "No such album");
    const own = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM photos
      WHERE id = ANY(${valid}::uuid[]) AND owner_id = ${viewer.id}::uuid AND deleted_at IS NULL`;
    const ownIds = new Set(own.map((r) => r.id));
    const added = await appendToAlbum(
      tx,
      album.id,
      valid.filter((id) => ownIds.has(id)),
    );
    return { found: ownIds.size, added, albumTitle: album.title };
  });
}
