import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { PhotoPage } from "@/lib/photo-card";
import { db } from "@/server/db/client";
import { cardFromRow, type RawCardRow, visiblePhotoSql } from "@/server/data/list-photos";
import { decodeTimeCursor, encodeCursor } from "@/server/data/photo-cursor";
import type { Viewer } from "@/server/policy/viewer";

/**
 * The viewer's favorites they can still see, a page at a time (`/favorites` and the public API): most
 * recently favorited first, keyset by (favorited at, photo id). The visibility rule is in the query: a
 * photo made private or deleted since drops out without a row being touched.
 */
export async function listFavoritesPage(
  viewer: NonNullable<Viewer>,
  options: { cursor?: string | null; limit?: number } = {},
): Promise<PhotoPage> {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 60) || 60, 1), 100);
  const before = decodeTimeCursor(options.cursor);
  const keyset = before
    ? Prisma.sql`AND (f.created_at, p.id) < (${before.t}::timestamptz, ${before.id}::uuid)`
    : Prisma.empty;
  const rows = await db().$queryRaw<(RawCardRow & { favorited_at: Date })[]>(
    Prisma.sql`SELECT p.id, p.title, p.width, p.height, p.access_version, p.thumbhash,
                      p.visibility::text AS visibility, p.created_at, u.handle, u.display_name,
                      f.created_at AS favorited_at
               FROM favorites f
               JOIN photos p ON p.id = f.photo_id
               JOIN users u ON u.id = p.owner_id
               WHERE f.user_id = ${viewer.id}::uuid AND ${visiblePhotoSql(viewer)} ${keyset}
               ORDER BY f.created_at DESC, p.id DESC
               LIMIT ${limit + 1}`,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    photos: page.map(cardFromRow),
    nextCursor:
      rows.length > limit && last ? encodeCursor({ t: last.favorited_at.toISOString(), id: last.id }) : null,
  };
}
