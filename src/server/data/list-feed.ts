import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { PhotoPage } from "@/lib/photo-card";
import { db } from "@/server/db/client";
import type { Viewer } from "@/server/policy/viewer";
import { cardFromRow, MAX_PAGE_SIZE, PAGE_SIZE, type RawCardRow, visiblePhotoSql } from "./list-photos";
import { decodeTimeCursor, encodeCursor } from "./photo-cursor";

/**
 * The home feed: photos of the people `viewer` follows that the viewer may see, newest first, keyset
 * paginated on (created_at, id) with an opaque cursor like every other grid.
 */
export async function listFeed(
  viewer: NonNullable<Viewer>,
  options: { cursor?: string | null; limit?: number } = {},
): Promise<PhotoPage> {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? PAGE_SIZE) || PAGE_SIZE, 1), MAX_PAGE_SIZE);
  const rows = await db().$queryRaw<RawCardRow[]>(feedQuery(viewer, options.cursor, limit + 1));
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last ? encodeCursor({ t: last.created_at.toISOString(), id: last.id }) : null;
  return { photos: page.map(cardFromRow), nextCursor };
}

/**
 * One LATERAL walk of photos(owner_id, created_at DESC, id DESC) per followee, each stopping after
 * `take` visible rows below the cursor, then the newest `take` of those. The cost is bounded by the
 * number of followees times `take`, whatever the page: page 50 starts at its cursor in every index
 * rather than skipping 49 pages. Visibility is the policy's own SQL (visiblePhotoSql), inside each walk.
 * Exported for the bench, which runs the same SQL directly with pg.
 */
export function feedQuery(
  viewer: NonNullable<Viewer>,
  cursor: string | null | undefined,
  take: number,
): Prisma.Sql {
  const before = decodeTimeCursor(cursor);
  const keyset = before
    ? Prisma.sql`AND (p.created_at, p.id) < (${before.t}::timestamptz, ${before.id}::uuid)`
    : Prisma.empty;
  return Prisma.sql`SELECT p.id, p.title, p.width, p.height, p.access_version, p.thumbhash, p.visibility,
      p.created_at, p.position, u.handle, u.display_name
    FROM follows f
    CROSS JOIN LATERAL (
      SELECT p.id, p.title, p.width, p.height, p.access_version, p.thumbhash, p.visibility::text AS visibility,
             p.created_at, p.position, p.owner_id
      FROM photos p
      WHERE p.owner_id = f.followee_id AND p.status = 'READY' ${keyset} AND ${visiblePhotoSql(viewer)}
      ORDER BY p.created_at DESC, p.id DESC LIMIT ${take}
    ) p
    JOIN users u ON u.id = p.owner_id
    WHERE f.follower_id = ${viewer.id}::uuid
    ORDER BY p.created_at DESC, p.id DESC LIMIT ${take}`;
}
