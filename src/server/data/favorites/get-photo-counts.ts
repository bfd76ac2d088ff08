import "server-only";
import { visiblePhotoWhere } from "@/server/policy/access";
import { dbFor } from "@/server/db/client";
import { isUuid } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";

export interface PhotoCounts {
  favoriteCount: number;
  commentCount: number;
  /** Whether the viewer has favorited it (false for nobody). */
  favorited: boolean;
}

/**
 * The counters the photo page shows (and only it: the cached photostream leaves them out, since
 * its page version ignores them), for a photo the viewer can see; null otherwise.
 */
export async function getPhotoCounts(viewer: Viewer, photoId: string): Promise<PhotoCounts | null> {
  if (!isUuid(photoId)) return null;
  const row = await dbFor(viewer).photo.findFirst({
    where: { AND: [{ id: photoId }, visiblePhotoWhere(viewer)] },
    select: {
      favoriteCount: true,
      commentCount: true,
      favorites: viewer ? { where: { userId: viewer.id }, select: { userId: true } } : false,
    },
  });
  if (!row) return null;
  return {
    favoriteCount: row.favoriteCount,
    commentCount: row.commentCount,
    favorited: Array.isArray(row.favorites) && row.favorites.length > 0,
  };
}
