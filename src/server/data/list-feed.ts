import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { PhotoPage } from "@/lib/photo-card";
import { db } from "@/server/db/client";
import type { Viewer } from "@/server/policy/viewer";
import { cardFromRow, MAX_PAGE_SIZE, PAGE_SIZE, type RawCardRow, visiblePhotoSql } from "./list-photos";
import { decodeTimeCursor, encodeCursor } from "./photo-cursor";

/**
 * How many rows the first try takes from each followee. A page of 60 spread over many followees
 * holds a few of each; a followee who fills all their slots with photos newer than the page's
 * oldest may have more in it, and then the page is asked again with room for a whole page each.
 */
export const FEED_FIRST_TRY = 8;

type FeedRow = RawCardRow & { complete: boolean };

/**
 * The home feed: photos of the people `viewer` follows that the viewer may see, newest first, keyset
 * paginated on (created_at, id) with an opaque cursor like every other grid.
 */
export async function listFeed(
  viewer: NonNullable<Viewer>,
  options: { cursor?: string | null; limit?: number } = {},
): Promise<PhotoPage> {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? PAGE_SIZE) || PAGE_SIZE, 1), MAX_PAGE_SIZE);
  const take = limit + 1;
  let rows = await db().$queryRaw<FeedRow[]>(feedQuery(viewer, options.cursor, take, FEED_FIRST_TRY));
  if (rows.length > 0 && !rows[0]!.complete) {
    // Someone's slots ran out inside the page: a whole page from each is always enough.
    rows = await db().$queryRaw<FeedRow[]>(feedQuery(viewer, options.cursor, take, take));
  }
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last ? encodeCursor({ t: last.created_at.toISOString(), id: last.id }) : null;
  return { photos: page.map(cardFromRow), nextCursor };
}

/**
 * One LATERAL walk of photos(owner_id, created_at DESC, id DESC) per followee, each stopping after
 * `each` rows the viewer may see below the cursor (visiblePhotoSql, the policy's SQL, inside the
 * walk), then the newest `take` of all of them. The cost is bounded by followees × `each` whatever
 * the page: page 50 starts at its cursor in every walk rather than skipping 49 pages.
 *
 * The merge is exact when no followee could have more rows inside the page than they were allowed:
 * `complete` is false when one filled all `each` slots and their oldest is not older than the
 * page's oldest (or the page is short), and the caller asks again with `each` = `take`, which is
 * always exact. Exported for the bench, which runs the same SQL directly with pg.
 */
export function feedQuery(
  viewer: NonNullable<Viewer>,
  cursor: string | null | undefined,
  take: number,
  each: number,
): Prisma.Sql {
  const before = decodeTimeCursor(cursor);
  const keyset = before
    ? Prisma.sql`AND (p.created_at, p.id) < (${before.t}::timestamptz, ${before.id}::uuid)`
    : Prisma.empty;
  // MATERIALIZED: the owners' names are joined to the page only, not inside every walk.
  return Prisma.sql`WITH cand AS MATERIALIZED (
      SELECT f.followee_id AS fid, p.*
      FROM follows f
      CROSS JOIN LATERAL (
        SELECT p.id, p.title, p.width, p.height, p.access_version, p.thumbhash,
               p.visibility::text AS visibility, p.created_at, p.position, p.owner_id
        FROM photos p
        WHERE p.owner_id = f.followee_id AND p.status = 'READY' ${keyset} AND ${visiblePhotoSql(viewer)}
        ORDER BY p.created_at DESC, p.id DESC LIMIT ${each}
      ) p
      WHERE f.follower_id = ${viewer.id}::uuid
    ), top AS MATERIALIZED (
      SELECT * FROM cand ORDER BY created_at DESC, id DESC LIMIT ${take}
    ), edge AS MATERIALIZED (
      SELECT count(*) AS n, min(created_at) AS t FROM top
    )
    SELECT top.id, top.title, top.width, top.height, top.access_version, top.thumbhash, top.visibility,
           top.created_at, top.position, u.handle, u.display_name,
           NOT EXISTS (
             SELECT 1 FROM cand c GROUP BY c.fid
             HAVING count(*) >= ${each}
                AND ((SELECT n FROM edge) < ${take} OR min(c.created_at) >= (SELECT t FROM edge))
           ) AS complete
    FROM top JOIN users u ON u.id = top.owner_id
    ORDER BY top.created_at DESC, top.id DESC`;
}
