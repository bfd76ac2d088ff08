import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { PhotoPage } from "@/lib/photo-card";
import { db } from "@/server/db/client";
import { isUuid } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";
import { cardFromRow, MAX_PAGE_SIZE, type RawCardRow } from "../list-photos";
import { decodeTimeCursor, encodeCursor } from "../photo-cursor";
import { parseSearchQuery } from "../search-photos";

/** What the organise grid is narrowed to: one album (any photo in it, home or not), words, dates taken. */
export interface OrganizeFilter {
  albumId?: string | null;
  q?: string | null;
  /** Taken (or, when the camera did not say, uploaded) on or after. */
  from?: Date | null;
  /** ... and before. */
  to?: Date | null;
}

export interface OrganizePage extends PhotoPage {
  /** Every photo the filter matches, not only this page's: "select all N". */
  matchCount: number;
  /** Their ids, newest first, up to `maxIds`. */
  matchIds: string[];
}

const valid = (date: Date | null | undefined): date is Date => !!date && Number.isFinite(date.getTime());

/** The filter as SQL over `photos p`: always the viewer's own photos, never deleted or trashed ones. */
function filterSql(owner: NonNullable<Viewer>, filter: OrganizeFilter): Prisma.Sql {
  const parts = [
    Prisma.sql`p.owner_id = ${owner.id}::uuid AND p.deleted_at IS NULL AND p.trashed_at IS NULL
      AND p.status = 'READY'`,
  ];
  if (filter.albumId) {
    parts.push(isUuid(filter.albumId) ? Prisma.sql`p.album_id = ${filter.albumId}::uuid` : Prisma.sql`false`);
  }
  const when = Prisma.sql`COALESCE(p.taken_at, p.created_at)`;
  if (valid(filter.from)) parts.push(Prisma.sql`${when} >= ${filter.from.toISOString()}::timestamptz`);
  if (valid(filter.to)) parts.push(Prisma.sql`${when} < ${filter.to.toISOString()}::timestamptz`);
  if (filter.q?.trim()) {
    // The search box's reading of the words (quotes, -word, or), the last word also as a prefix.
    const parsed = parseSearchQuery(filter.q);
    if (parsed.words.length === 0) parts.push(Prisma.sql`false`);
    else {
      const words = Prisma.sql`p.search_vector @@ websearch_to_tsquery('pinhole_search', ${parsed.text})`;
      parts.push(
        parsed.prefix !== null && parsed.head !== null
          ? Prisma.sql`(${words} OR p.search_vector @@ (websearch_to_tsquery('pinhole_search', ${parsed.head})
              && to_tsquery('pinhole_search', ${`'${parsed.prefix}':*`})))`
          : words,
      );
    }
  }
  return Prisma.join(parts, " AND ");
}

/**
 * One page of the owner's photos for /organize, newest upload first, narrowed by the filter; with how
 * many match in all and (up to `maxIds`) which, so a selection can span pages.
 */
export async function listOrganizePhotos(
  owner: NonNullable<Viewer>,
  filter: OrganizeFilter,
  options: { cursor?: string | null; limit?: number; maxIds: number },
): Promise<OrganizePage> {
  const limit = Math.min(options.limit ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const where = filterSql(owner, filter);
  const before = decodeTimeCursor(options.cursor);
  const keyset = before
    ? Prisma.sql`AND (p.created_at, p.id) < (${before.t}::timestamptz, ${before.id}::uuid)`
    : Prisma.empty;
  const [rows, matches] = await Promise.all([
    db().$queryRaw<RawCardRow[]>`
      SELECT p.id, p.title, p.width, p.height, p.media_secret, p.thumbhash,
        p.visibility::text AS visibility, p.created_at, p.hidden_at IS NOT NULL AS hidden,
        u.handle, u.display_name
      FROM photos p JOIN users u ON u.id = p.owner_id
      WHERE ${where} ${keyset}
      ORDER BY p.created_at DESC, p.id DESC LIMIT ${limit + 1}`,
    db().$queryRaw<{ id: string; total: number }[]>`
      SELECT p.id, (count(*) OVER ())::int AS total FROM photos p
      WHERE ${where}
      ORDER BY p.created_at DESC, p.id DESC LIMIT ${options.maxIds}`,
  ]);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    photos: page.map(cardFromRow),
    nextCursor:
      rows.length > limit && last ? encodeCursor({ t: last.created_at.toISOString(), id: last.id }) : null,
    matchCount: matches[0]?.total ?? 0,
    matchIds: matches.map((m) => m.id),
  };
}
