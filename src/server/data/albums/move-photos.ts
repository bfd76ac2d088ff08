import "server-only";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { isUuid } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";
import { APPEND_STEP, appendBase } from "./album-positions";

export interface MovedPhotos {
  /** The viewer's photos among the ids (the rest matched nothing: not theirs, or no such photo). */
  found: number;
  /** Of those, the ones that changed album (the rest were in it already and keep their place). */
  moved: number;
  albumTitle: string;
}

/**
 * Moves the viewer's own photos among `ids` into one of the viewer's albums, appended at its end in
 * the order of `ids`. Set-based: one UPDATE however many photos.
 */
export async function movePhotos(
  viewer: NonNullable<Viewer>,
  ids: string[],
  albumId: string,
): Promise<MovedPhotos> {
  if (!isUuid(albumId)) throw new AppError("not_found", "No such album");
  const valid = [...new Set(ids.filter(isUuid))];
  return db().$transaction(async (tx) => {
    // Locking the album makes concurrent appends (and reorders) queue, so none share the end.
    const [album] = await tx.$queryRaw<{ id: string; title: string; visibility: string }[]>`
      SELECT id, title, visibility::text AS visibility FROM albums
      WHERE id = ${albumId}::uuid AND owner_id = ${viewer.id}::uuid FOR UPDATE`;
    if (!album) throw new AppError("not_found", "No such album");
    if (valid.length === 0) return { found: 0, moved: 0, albumTitle: album.title };

    const [end] = await tx.$queryRaw<{ max: number | null }[]>`
      SELECT max(position) AS max FROM photos WHERE album_id = ${album.id}::uuid`;
    const [counted] = await tx.$queryRaw<{ found: number }[]>`
      SELECT count(*)::int AS found FROM photos
      WHERE id = ANY(${valid}::uuid[]) AND owner_id = ${viewer.id}::uuid AND deleted_at IS NULL`;
    // A photo that is not PUBLIC itself but was seen through a PUBLIC or SHARED album may lose that
    // access by leaving it: bump its version so media URLs cached publicly stop resolving. (Moving
    // into a PUBLIC album can only widen access.)
    const moved = await tx.$queryRaw<{ id: string }[]>`
      WITH wanted AS (
        SELECT id, ord FROM unnest(${valid}::uuid[]) WITH ORDINALITY AS w(id, ord)
      ), moving AS (
        SELECT p.id, row_number() OVER (ORDER BY w.ord) AS n
        FROM photos p JOIN wanted w ON w.id = p.id
        WHERE p.owner_id = ${viewer.id}::uuid AND p.deleted_at IS NULL AND p.album_id <> ${album.id}::uuid
      )
      UPDATE photos p
      SET album_id = ${album.id}::uuid,
          position = ${appendBase(end?.max ?? null)}::float8 + m.n * ${APPEND_STEP}::float8,
          access_version = p.access_version
            + CASE WHEN p.visibility <> 'PUBLIC' AND source.visibility <> 'PRIVATE'
                        AND ${album.visibility}::visibility <> 'PUBLIC'
                   THEN 1 ELSE 0 END,
          updated_at = now()
      FROM moving m, albums source
      WHERE p.id = m.id AND source.id = p.album_id
      RETURNING p.id`;
    const movedIds = moved.map((r) => r.id);
    if (movedIds.length > 0) {
      // A cover must be a photo of its own album: the albums these photos left lose them as covers.
      await tx.album.updateMany({
        where: { ownerId: viewer.id, id: { not: album.id }, coverPhotoId: { in: movedIds } },
        data: { coverPhotoId: null },
      });
    }
    return { found: counted?.found ?? 0, moved: movedIds.length, albumTitle: album.title };
  });
}
