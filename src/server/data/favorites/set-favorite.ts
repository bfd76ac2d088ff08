import "server-only";
import { db, dbFor } from "@/server/db/client";
import { requirePhotoAccess } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";
import { notify } from "@/server/data/notifications/create-notification";

export interface FavoriteState {
  favorited: boolean;
  count: number;
}

/**
 * Favorites (or un-favorites) a photo the viewer can see. Idempotent: asking for the state it is
 * already in changes nothing; the counter moves only with a row actually added or removed, in the
 * same transaction (raw SQL, so the photo's updated_at and the page cache are left alone).
 */
export async function setFavorite(
  viewer: NonNullable<Viewer>,
  photoId: string,
  favorited: boolean,
): Promise<FavoriteState> {
  await requirePhotoAccess(viewer, photoId);
  const { changed, count, ownerId } = await db().$transaction(async (tx) => {
    const changed = favorited
      ? await tx.$executeRaw`INSERT INTO favorites (user_id, photo_id) VALUES (${viewer.id}::uuid, ${photoId}::uuid)
          ON CONFLICT DO NOTHING`
      : await tx.$executeRaw`DELETE FROM favorites WHERE user_id = ${viewer.id}::uuid AND photo_id = ${photoId}::uuid`;
    const delta = changed * (favorited ? 1 : -1);
    const [row] = await tx.$queryRaw<{ favorite_count: number; owner_id: string }[]>`
      UPDATE photos SET favorite_count = GREATEST(favorite_count + ${delta}::int, 0)
      WHERE id = ${photoId}::uuid RETURNING favorite_count, owner_id::text`;
    return { changed, count: row?.favorite_count ?? 0, ownerId: row?.owner_id ?? null };
  });
  // Once per person and photo: un-favoriting and favoriting again does not ring the owner's bell twice.
  if (changed > 0 && favorited && ownerId && !(await wasNotified(ownerId, viewer.id, photoId))) {
    await notify({ recipientId: ownerId, type: "FAVORITE", actorId: viewer.id, photoId });
  }
  return { favorited, count };
}

/** Whether the viewer has favorited the photo (for the page's first render). */
export async function isFavorited(viewer: NonNullable<Viewer>, photoId: string): Promise<boolean> {
  const row = await dbFor(viewer).favorite.findUnique({
    where: { userId_photoId: { userId: viewer.id, photoId } },
    select: { userId: true },
  });
  return row !== null;
}

async function wasNotified(ownerId: string, actorId: string, photoId: string): Promise<boolean> {
  // Right after the favorite was written: the primary, which has it.
  const row = await db()
    .$primary()
    .notification.findFirst({
      where: { userId: ownerId, actorId, photoId, type: "FAVORITE" },
      select: { id: true },
    });
  return row !== null;
}
