import "server-only";
import { db, type DbTransaction } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { isUuid } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";
import { appendToAlbum } from "./move-photos";

export interface RemovedPhotos {
  /** Photos that left the album. */
  removed: number;
  /** Photos that stayed: in the default album and no other, they have nowhere else to be. */
  kept: number;
  albumTitle: string;
}

interface LockedAlbum {
  id: string;
  title: string;
  visibility: string;
  is_default: boolean;
}

/**
 * Takes the viewer's own photos among `ids` out of one of the viewer's albums; the photos themselves
 * stay. A photo whose home album this is moves home to the next album it is in (the one it joined
 * first), or, in no other album, to the default album; one in the default album and no other stays.
 */
export async function removePhotosFromAlbum(
  viewer: NonNullable<Viewer>,
  ids: string[],
  albumId: string,
): Promise<RemovedPhotos> {
  if (!isUuid(albumId)) throw new AppError("not_found", "No such album");
  const valid = [...new Set(ids.filter(isUuid))];
  return db().$transaction(async (tx) => {
    const albums = await lockAlbumAndDefault(tx, viewer.id, albumId);
    const album = albums.find((a) => a.id === albumId);
    if (!album) throw new AppError("not_found", "No such album");
    const fallback = albums.find((a) => a.is_default) ?? null;
    const { removed, kept } = await takeOutOfAlbum(tx, viewer.id, album, fallback, valid);
    return { removed, kept, albumTitle: album.title };
  });
}

/** Locks the album and the owner's default album (in id order, so two callers never deadlock). */
export function lockAlbumAndDefault(tx: DbTransaction, ownerId: string, albumId: string) {
  return tx.$queryRaw<LockedAlbum[]>`
    SELECT id, title, visibility::text AS visibility, is_default FROM albums
    WHERE owner_id = ${ownerId}::uuid AND (id = ${albumId}::uuid OR is_default)
    ORDER BY id FOR UPDATE`;
}

/**
 * Takes photos (`ids`, or every photo in it when null) out of a locked album: memberships deleted,
 * home albums moved on as `removePhotosFromAlbum` says, covers that left cleared.
 */
export async function takeOutOfAlbum(
  tx: DbTransaction,
  ownerId: string,
  album: LockedAlbum,
  fallback: LockedAlbum | null,
  ids: string[] | null,
): Promise<{ removed: number; kept: number }> {
  const rows = await tx.$queryRaw<{ photo_id: string; is_home: boolean; next_home: string | null }[]>`
    SELECT ap.photo_id, p.album_id = ap.album_id AS is_home,
           (SELECT o.album_id FROM album_photos o
            WHERE o.photo_id = ap.photo_id AND o.album_id <> ap.album_id
            ORDER BY o.added_at, o.album_id LIMIT 1) AS next_home
    FROM album_photos ap JOIN photos p ON p.id = ap.photo_id
    WHERE ap.album_id = ${album.id}::uuid AND p.owner_id = ${ownerId}::uuid
      AND (${ids === null}::boolean OR ap.photo_id = ANY(${ids ?? []}::uuid[]))
    ORDER BY ap.position, ap.photo_id
    FOR UPDATE OF p`;
  const leaving: string[] = [];
  const rehome: { id: string; to: string }[] = [];
  const toFallback: string[] = [];
  let kept = 0;
  for (const row of rows) {
    if (!row.is_home) leaving.push(row.photo_id);
    else if (row.next_home) {
      leaving.push(row.photo_id);
      rehome.push({ id: row.photo_id, to: row.next_home });
    } else if (fallback && !album.is_default) {
      leaving.push(row.photo_id);
      toFallback.push(row.photo_id);
      rehome.push({ id: row.photo_id, to: fallback.id });
    } else kept += 1;
  }
  if (leaving.length === 0) return { removed: 0, kept };

  if (fallback) await appendToAlbum(tx, fallback.id, toFallback);
  if (rehome.length > 0) {
    await tx.$executeRaw`
      UPDATE photos p SET album_id = v.album_id, updated_at = now()
      FROM unnest(${rehome.map((r) => r.id)}::uuid[], ${rehome.map((r) => r.to)}::uuid[]) AS v(id, album_id)
      WHERE p.id = v.id`;
  }
  // A photo seen by the album's named viewers only through it loses that access: bump its version so
  // media URLs handed out stop resolving.
  await tx.$executeRaw`
    UPDATE photos SET access_version = access_version + 1
    WHERE id = ANY(${leaving}::uuid[]) AND visibility <> 'PUBLIC' AND ${album.visibility} <> 'PRIVATE'`;
  await tx.$executeRaw`
    DELETE FROM album_photos WHERE album_id = ${album.id}::uuid AND photo_id = ANY(${leaving}::uuid[])`;
  await tx.album.updateMany({
    where: { id: album.id, coverPhotoId: { in: leaving } },
    data: { coverPhotoId: null },
  });
  return { removed: leaving.length, kept };
}
