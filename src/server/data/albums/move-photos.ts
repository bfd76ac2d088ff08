import "server-only";
import { db, type DbTransaction } from "@/server/db/client";
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
 * Moves the viewer's own photos among `ids` into one of the viewer's albums, which becomes their home
 * album: each leaves its old home album and joins this one, appended at its end in the order of `ids`
 * (one already in it as a second album keeps its place there). Its other albums are untouched.
 * Set-based: a few statements however many photos.
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

    const [counted] = await tx.$queryRaw<{ found: number }[]>`
      SELECT count(*)::int AS found FROM photos
      WHERE id = ANY(${valid}::uuid[]) AND owner_id = ${viewer.id}::uuid AND deleted_at IS NULL`;
    // Joined at the end first, in the order of `ids` (one already in it keeps its place); the
    // photos trigger then takes each out of its old home album as album_id changes.
    const own = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM photos
      WHERE id = ANY(${valid}::uuid[]) AND owner_id = ${viewer.id}::uuid AND deleted_at IS NULL
        AND album_id <> ${album.id}::uuid
      FOR UPDATE`;
    const ownIds = new Set(own.map((r) => r.id));
    await appendToAlbum(
      tx,
      album.id,
      valid.filter((id) => ownIds.has(id)),
    );
    // A photo that is not PUBLIC itself but was seen through a SHARED album may lose that access by
    // leaving it: bump its version so media URLs handed out stop resolving.
    const moved = await tx.$queryRaw<{ id: string; old_album_id: string }[]>`
      UPDATE photos p
      SET album_id = ${album.id}::uuid,
          access_version = p.access_version
            + CASE WHEN p.visibility <> 'PUBLIC' AND source.visibility <> 'PRIVATE'
                        AND ${album.visibility}::visibility <> 'PUBLIC'
                   THEN 1 ELSE 0 END,
          updated_at = now()
      FROM albums source
      WHERE p.id = ANY(${[...ownIds]}::uuid[]) AND source.id = p.album_id
      RETURNING p.id, source.id AS old_album_id`;
    const movedIds = moved.map((r) => r.id);
    if (movedIds.length > 0) {
      // A cover must be a photo of its own album: the albums these photos left lose them as covers.
      await tx.album.updateMany({
        where: {
          ownerId: viewer.id,
          id: { in: [...new Set(moved.map((r) => r.old_album_id))] },
          coverPhotoId: { in: movedIds },
        },
        data: { coverPhotoId: null },
      });
    }
    return { found: counted?.found ?? 0, moved: movedIds.length, albumTitle: album.title };
  });
}

/**
 * Appends photos (already checked to be the album owner's) to the end of an album in the order of
 * `ids`, skipping those already in it. The caller holds the album's row lock.
 */
export async function appendToAlbum(tx: DbTransaction, albumId: string, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const [end] = await tx.$queryRaw<{ max: number | null }[]>`
    SELECT max(position) AS max FROM album_photos WHERE album_id = ${albumId}::uuid`;
  return tx.$executeRaw`
    INSERT INTO album_photos (album_id, photo_id, position)
    SELECT ${albumId}::uuid, w.id,
           ${appendBase(end?.max ?? null)}::float8 + row_number() OVER (ORDER BY w.ord) * ${APPEND_STEP}::float8
    FROM unnest(${ids}::uuid[]) WITH ORDINALITY AS w(id, ord)
    ON CONFLICT (album_id, photo_id) DO NOTHING`;
}
