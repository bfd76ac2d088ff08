import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { PhotoPage } from "@/lib/photo-card";
import { cachedFeedPage } from "@/server/cache/feed-cache";
import { db } from "@/server/db/client";
import type { Viewer } from "@/server/policy/viewer";
import { cardFromRow, MAX_PAGE_SIZE, PAGE_SIZE, type RawCardRow, visiblePhotoSql } from "./list-photos";
import { decodeTimeCursor, encodeCursor } from "./photo-cursor";

/**
 * How many of everyone's newest photos (below the cursor) the first try reads. Someone who follows a
 * good share of the active people finds a page among them in a few hundred index entries; the
 * per-followee walk costs followees × rows each whatever the page, ~10 ms for 500 followees.
 */
export const FEED_RECENT_WINDOW = 3000;

/**
 * How many rows the per-followee walk takes from each followee at first. A page of 60 spread over
 * many followees holds a few of each; a followee who fills all their slots with photos newer than the
 * page's oldest may have more in it, and then the page is asked again with room for a whole page each.
 */
const FEED_FIRST_TRY = 8;

export type FeedRow = RawCardRow & { complete: boolean };

/**
 * The home feed: photos of the people `viewer` follows that the viewer may see, newest first, keyset
 * paginated on (created_at, id) with an opaque cursor like every other grid.
 */
export async function listFeed(
  viewer: NonNullable<Viewer>,
  options: {
    cursor?: string | null;
    limit?: number;
    /** FEED_RECENT_WINDOW unless a test wants the per-followee walk (0). */
    recentWindow?: number;
  } = {},
): Promise<PhotoPage> {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? PAGE_SIZE) || PAGE_SIZE, 1), MAX_PAGE_SIZE);
  return cachedFeedPage(viewer.id, options.cursor, limit, () =>
    readFeedPage(viewer, options.cursor, limit, options.recentWindow),
  );
}

/** One feed page from the database: what every cache miss costs (the bench times it alone). */
export async function readFeedPage(
  viewer: NonNullable<Viewer>,
  cursor: string | null | undefined,
  limit: number,
  recentWindow?: number,
): Promise<PhotoPage> {
  const rows = await feedRows(viewer, cursor, limit + 1, undefined, recentWindow);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last ? encodeCursor({ t: last.created_at.toISOString(), id: last.id }) : null;
  return { photos: page.map(cardFromRow), nextCursor };
}

/**
 * The page's rows, by the cheapest plan that is exact: everyone's newest photos first (exact when it
 * fills the page, since it reads in feed order), else the per-followee walk (exact when no followee ran
 * out of slots inside the page), else the walk with room for a whole page each (always exact).
 * Exported for the bench, which runs the same statements directly with pg.
 */
export async function feedRows(
  viewer: NonNullable<Viewer>,
  cursor: string | null | undefined,
  take: number,
  run: (query: Prisma.Sql) => Promise<FeedRow[]> = (query) => db().$queryRaw<FeedRow[]>(query),
  recentWindow = FEED_RECENT_WINDOW,
): Promise<FeedRow[]> {
  if (recentWindow > 0) {
    const recent = await run(recentFeedQuery(viewer, cursor, take, recentWindow));
    if (recent.length === take) return recent;
  }
  const walked = await run(feedQuery(viewer, cursor, take, FEED_FIRST_TRY));
  if (walked.length === 0 || walked[0]!.complete) return walked;
  return run(feedQuery(viewer, cursor, take, take));
}

/**
 * The newest `window` photos of anyone below the cursor (photos_feed_recent_idx, read in order and
 * stopped as soon as `take` are found), kept when their owner is followed and the viewer may see them
 * (visiblePhotoSql, the policy's SQL). Fewer than `take` rows says nothing: the caller walks instead.
 */
export function recentFeedQuery(
  viewer: NonNullable<Viewer>,
  cursor: string | null | undefined,
  take: number,
  window: number,
): Prisma.Sql {
  const keyset = belowCursor(cursor);
  return Prisma.sql`SELECT p.id, p.title, p.width, p.height, p.access_version, p.thumbhash,
           p.visibility::text AS visibility, p.created_at, u.handle, u.display_name,
           true AS complete
    FROM (
      -- The columns of a card and of visiblePhotoSql: not search_vector and the rest.
      SELECT p.id, p.title, p.width, p.height, p.access_version, p.thumbhash, p.visibility, p.created_at,
             p.owner_id, p.album_id, p.status, p.deleted_at, p.hidden_at
      FROM photos p
      WHERE p.status = 'READY' AND p.deleted_at IS NULL ${keyset}
      ORDER BY p.created_at DESC, p.id DESC LIMIT ${window}
    ) p
    JOIN users u ON u.id = p.owner_id
    WHERE p.owner_id IN (SELECT f.followee_id FROM follows f WHERE f.follower_id = ${viewer.id}::uuid)
      AND ${visiblePhotoSql(viewer)}
    ORDER BY p.created_at DESC, p.id DESC LIMIT ${take}`;
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
 * always exact.
 */
function feedQuery(
  viewer: NonNullable<Viewer>,
  cursor: string | null | undefined,
  take: number,
  each: number,
): Prisma.Sql {
  const keyset = belowCursor(cursor);
  // MATERIALIZED: the owners' names are joined to the page only, not inside every walk.
  return Prisma.sql`WITH cand AS MATERIALIZED (
      SELECT f.followee_id AS fid, p.*
      FROM follows f
      CROSS JOIN LATERAL (
        SELECT p.id, p.title, p.width, p.height, p.access_version, p.thumbhash,
               p.visibility::text AS visibility, p.created_at, p.owner_id
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
           top.created_at, u.handle, u.display_name,
           NOT EXISTS (
             SELECT 1 FROM cand c GROUP BY c.fid
             HAVING count(*) >= ${each}
                AND ((SELECT n FROM edge) < ${take} OR min(c.created_at) >= (SELECT t FROM edge))
           ) AS complete
    FROM top JOIN users u ON u.id = top.owner_id
    ORDER BY top.created_at DESC, top.id DESC`;
}

/** `AND (created_at, id) < cursor`, or nothing on the first page. */
function belowCursor(cursor: string | null | undefined): Prisma.Sql {
  const before = decodeTimeCursor(cursor);
  return before
    ? Prisma.sql`AND (p.created_at, p.id) < (${before.t}::timestamptz, ${before.id}::uuid)`
    : Prisma.empty;
}
