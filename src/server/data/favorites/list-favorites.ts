import "server-only";
import type { PhotoCard } from "@/lib/photo-card";
import { db } from "@/server/db/client";
import { cardFromRow, type RawCardRow, visiblePhotoSql } from "@/server/data/list-photos";
import type { Viewer } from "@/server/policy/viewer";

/**
 * The viewer's favorites they can still see, most recently favorited first. The visibility rule is
 * in the query: a photo made private or deleted since drops out without a row being touched.
 */
export async function listFavorites(viewer: NonNullable<Viewer>, limit = 200): Promise<PhotoCard[]> {
  const rows = await db().$queryRaw<RawCardRow[]>`
    SELECT p.id, p.title, p.width, p.height, p.access_version, p.thumbhash,
           p.visibility::text AS visibility, p.created_at, p.position, u.handle, u.display_name
    FROM favorites f
    JOIN photos p ON p.id = f.photo_id
    JOIN users u ON u.id = p.owner_id
    WHERE f.user_id = ${viewer.id}::uuid AND ${visiblePhotoSql(viewer)}
    ORDER BY f.created_at DESC, p.id DESC
    LIMIT ${limit}`;
  return rows.map(cardFromRow);
}
