import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { mediaBase } from "@/lib/media-url";
import type { PhotoCard, PhotoPage } from "@/lib/photo-card";
import { normalizeTag } from "@/lib/tags";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { requireAlbumAccess } from "@/server/policy/albums";
import { isUuid } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";
import { decodePositionCursor, decodeScoreCursor, decodeTimeCursor, encodeCursor } from "./photo-cursor";

/** Explore's orders: newest first, or by the periodically recomputed interestingness score. */
export type ExploreOrder = "recent" | "interesting";

export type PhotoScope =
  | { kind: "explore"; order?: ExploreOrder }
  | { kind: "stream"; ownerId: string }
  | { kind: "album"; albumId: string }
  | { kind: "tag"; tag: string };

export const PAGE_SIZE = 60;
/** The most one page may hold, whatever a caller asks for. */
export const MAX_PAGE_SIZE = 200;

/** What `toCard` needs, for callers that load cards through Prisma. */
export const cardSelect = {
  id: true,
  title: true,
  width: true,
  height: true,
  accessVersion: true,
  thumbhash: true,
  visibility: true,
  createdAt: true,
  owner: { select: { handle: true, displayName: true } },
} satisfies Prisma.PhotoSelect;

type CardRow = Prisma.PhotoGetPayload<{ select: typeof cardSelect }>;

/** What the raw queries below return for one card (`interestingness` only in the interesting order). */
export interface RawCardRow {
  interestingness?: number;
  id: string;
  title: string;
  width: number | null;
  height: number | null;
  access_version: number;
  thumbhash: string | null;
  visibility: PhotoCard["visibility"];
  created_at: Date;
  /** Only the album query selects it: the photo's place in that album. */
  position?: number;
  /** Only the photostream and album queries select it (only the owner is ever listed a hidden photo). */
  hidden?: boolean;
  handle: string;
  display_name: string;
}

/**
 * `visiblePhotoWhere` (src/server/policy/photos.ts) as SQL over `photos p`, for the raw queries that
 * grids run on every page view: the Prisma form costs several times the CPU and a second round trip
 * for the owners. It must say exactly what the policy says; list-photos.test.ts checks the two agree
 * on every combination of owner, grant, photo and album visibility, status, hidden and deleted.
 */
export function visiblePhotoSql(viewer: Viewer): Prisma.Sql {
  if (!viewer) {
    return Prisma.sql`(p.deleted_at IS NULL AND p.status = 'READY' AND p.hidden_at IS NULL
      AND (p.visibility = 'PUBLIC'
           OR EXISTS (SELECT 1 FROM albums a WHERE a.id = p.album_id AND a.visibility = 'PUBLIC')))`;
  }
  const me = Prisma.sql`${viewer.id}::uuid`;
  // The parentheses keep `deleted_at` outside the OR: "not deleted AND (owner OR granted)".
  return Prisma.sql`(p.deleted_at IS NULL AND (p.owner_id = ${me} OR (p.status = 'READY' AND p.hidden_at IS NULL
    AND (p.visibility = 'PUBLIC'
         OR (p.visibility = 'SHARED'
             AND EXISTS (SELECT 1 FROM access_grants g WHERE g.photo_id = p.id AND g.user_id = ${me}))
         OR EXISTS (SELECT 1 FROM albums a WHERE a.id = p.album_id
                    AND (a.visibility = 'PUBLIC'
                         OR (a.visibility = 'SHARED'
                             AND EXISTS (SELECT 1 FROM access_grants g WHERE g.album_id = a.id AND g.user_id = ${me}))))))))`;
}

/** What GET /api/photos names: a scope by the public handle or album id, not yet checked. */
export type PhotoScopeRequest =
  | { scope: "explore"; order?: ExploreOrder }
  | { scope: "stream"; owner: string }
  | { scope: "album"; album: string }
  | { scope: "tag"; tag: string };

/**
 * The scope a request names, once the viewer may see it: an unknown handle, or an album that does not
 * exist or that they may not open, is `not_found` (never `forbidden`: existence is not confirmed).
 */
export async function resolvePhotoScope(viewer: Viewer, request: PhotoScopeRequest): Promise<PhotoScope> {
  if (request.scope === "explore") return { kind: "explore", order: request.order ?? "recent" };
  // Tags are stored as parseTags (src/lib/tags.ts) writes them: lower-cased, spaces collapsed.
  if (request.scope === "tag") return { kind: "tag", tag: normalizeTag(request.tag) };
  if (request.scope === "stream") {
    // Raw SQL like the listing itself: Prisma's query compiler costs more than the lookup.
    const [owner] = await db().$queryRaw<{ id: string }[]>(
      Prisma.sql`SELECT id FROM users WHERE handle = ${request.owner.toLowerCase()}`,
    );
    if (!owner) throw new AppError("not_found", "No such person");
    return { kind: "stream", ownerId: owner.id };
  }
  await requireAlbumAccess(viewer, request.album);
  return { kind: "album", albumId: request.album };
}

const cardColumns = Prisma.sql`p.id, p.title, p.width, p.height, p.access_version, p.thumbhash,
  p.visibility::text AS visibility, p.created_at, p.hidden_at IS NOT NULL AS hidden`;

/**
 * One page of photos the viewer may see, newest first (explore, a photostream) or in album order.
 * Keyset pagination: a photo uploaded while someone scrolls never shifts or repeats what they see.
 */
export async function listPhotos(
  viewer: Viewer,
  scope: PhotoScope,
  options: { cursor?: string | null; limit?: number } = {},
): Promise<PhotoPage> {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? PAGE_SIZE) || PAGE_SIZE, 1), MAX_PAGE_SIZE);
  // Ids from URLs reach here; one that is not a UUID names nothing (rather than failing the cast).
  const id = scope.kind === "album" ? scope.albumId : scope.kind === "stream" ? scope.ownerId : null;
  if (id !== null && !isUuid(id)) return { photos: [], nextCursor: null };
  const rows = await db().$queryRaw<RawCardRow[]>(pageQuery(viewer, scope, options.cursor, limit + 1));
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor = rows.length > limit && last ? encodeCursor(cursorAfter(scope, last)) : null;
  return { photos: page.map(cardFromRow), nextCursor };
}

function cursorAfter(scope: PhotoScope, last: RawCardRow) {
  if (scope.kind === "album") return { p: last.position ?? 0, id: last.id };
  if (isInteresting(scope)) return { s: last.interestingness ?? 0, id: last.id };
  return { t: last.created_at.toISOString(), id: last.id };
}

/** Whether a scope lists in the interesting order (and so pages with a score cursor). */
export function isInteresting(scope: PhotoScope): boolean {
  return scope.kind === "explore" && scope.order === "interesting";
}

function pageQuery(
  viewer: Viewer,
  scope: PhotoScope,
  cursor: string | null | undefined,
  take: number,
): Prisma.Sql {
  if (scope.kind === "album") {
    const after = decodePositionCursor(cursor);
    const keyset = after
      ? Prisma.sql`AND (ap.position, ap.photo_id) > (${after.p}::float8, ${after.id}::uuid)`
      : Prisma.empty;
    // Every photo in the album (home or not), in its place there: album_photos(album_id, position).
    return Prisma.sql`SELECT ${cardColumns}, ap.position, u.handle, u.display_name
      FROM album_photos ap JOIN photos p ON p.id = ap.photo_id JOIN users u ON u.id = p.owner_id
      WHERE ap.album_id = ${scope.albumId}::uuid AND p.status = 'READY' ${keyset} AND ${visiblePhotoSql(viewer)}
      ORDER BY ap.position ASC, ap.photo_id ASC LIMIT ${take}`;
  }

  if (isInteresting(scope)) return interestingQuery(cursor, take);

  const before = decodeTimeCursor(cursor);
  const keyset = before
    ? Prisma.sql`AND (p.created_at, p.id) < (${before.t}::timestamptz, ${before.id}::uuid)`
    : Prisma.empty;

  if (scope.kind === "tag") {
    // The GIN index on tags finds the photos; what the viewer may see of them, newest first.
    return Prisma.sql`SELECT ${cardColumns}, u.handle, u.display_name
      FROM photos p JOIN users u ON u.id = p.owner_id
      WHERE p.tags @> ARRAY[${scope.tag}]::text[] AND p.status = 'READY' ${keyset} AND ${visiblePhotoSql(viewer)}
      ORDER BY p.created_at DESC, p.id DESC LIMIT ${take}`;
  }

  if (scope.kind === "stream") {
    // Walks photos(owner_id, created_at DESC, id DESC) and stops after `take` visible rows.
    return Prisma.sql`SELECT ${cardColumns}, u.handle, u.display_name
      FROM photos p JOIN users u ON u.id = p.owner_id
      WHERE p.owner_id = ${scope.ownerId}::uuid AND p.status = 'READY' ${keyset} AND ${visiblePhotoSql(viewer)}
      ORDER BY p.created_at DESC, p.id DESC LIMIT ${take}`;
  }

  // Explore is the public square: everyone sees the same public photos there, signed in or not, so it
  // is visiblePhotoSql(null) split into disjoint branches that each walk
  // photos(visibility, created_at DESC, id DESC) in order: public photos, and private or shared photos
  // that a public album makes public (the union rule). A plain OR would sort the whole table.
  const ready = Prisma.sql`p.status = 'READY' AND p.deleted_at IS NULL AND p.hidden_at IS NULL ${keyset}`;
  const inPublicAlbum = Prisma.sql`EXISTS (SELECT 1 FROM albums a WHERE a.id = p.album_id AND a.visibility = 'PUBLIC')`;
  const order = Prisma.sql`ORDER BY p.created_at DESC, p.id DESC LIMIT ${take}`;
  return Prisma.sql`SELECT p.*, u.handle, u.display_name FROM (
      (SELECT ${cardColumns}, p.owner_id FROM photos p WHERE p.visibility = 'PUBLIC' AND ${ready} ${order})
      UNION ALL
      (SELECT ${cardColumns}, p.owner_id FROM photos p WHERE p.visibility = 'PRIVATE' AND ${ready} AND ${inPublicAlbum} ${order})
      UNION ALL
      (SELECT ${cardColumns}, p.owner_id FROM photos p WHERE p.visibility = 'SHARED' AND ${ready} AND ${inPublicAlbum} ${order})
    ) p JOIN users u ON u.id = p.owner_id
    ${order}`;
}

/**
 * Explore by score, highest first, ties by id. The same public square as the recent order
 * (visiblePhotoSql for an anonymous visitor, whoever asks), but one query: it walks the partial index
 * photos(interestingness DESC, id DESC) WHERE ready, not hidden, not deleted, and the visibility test
 * filters rows as they come, stopping after `take`. Scores change only when the periodic recompute
 * runs (recompute-interestingness.ts); a page boundary crossing a recompute may repeat or skip a photo.
 */
function interestingQuery(cursor: string | null | undefined, take: number): Prisma.Sql {
  const after = decodeScoreCursor(cursor);
  const keyset = after
    ? Prisma.sql`AND (p.interestingness, p.id) < (${after.s}::float8, ${after.id}::uuid)`
    : Prisma.empty;
  return Prisma.sql`SELECT ${cardColumns}, p.interestingness, u.handle, u.display_name
    FROM photos p JOIN users u ON u.id = p.owner_id
    WHERE p.status = 'READY' AND p.deleted_at IS NULL AND p.hidden_at IS NULL ${keyset}
      AND ${visiblePhotoSql(null)}
    ORDER BY p.interestingness DESC, p.id DESC LIMIT ${take}`;
}

/** A card from a raw row (the columns `cardColumns` names, plus the owner's handle and name). */
export function cardFromRow(row: RawCardRow): PhotoCard {
  return card({
    id: row.id,
    title: row.title,
    width: row.width,
    height: row.height,
    accessVersion: row.access_version,
    thumbhash: row.thumbhash,
    visibility: row.visibility,
    createdAt: row.created_at,
    owner: { handle: row.handle, displayName: row.display_name },
    hidden: row.hidden === true,
  });
}

export function toCard(row: CardRow): PhotoCard {
  return card({ ...row, hidden: false });
}

function card(row: CardRow & { hidden: boolean }): PhotoCard {
  return {
    id: row.id,
    title: row.title,
    width: row.width ?? 1,
    height: row.height ?? 1,
    mediaBase: mediaBase(row.id, row.accessVersion),
    thumbhash: row.thumbhash,
    alt: row.title.trim() || `Photo by ${row.owner.displayName}`,
    owner: row.owner,
    visibility: row.visibility,
    createdAt: row.createdAt.toISOString(),
    // Left out unless set: every other card, and every visitor's, stays as it was.
    ...(row.hidden ? { hidden: true as const } : {}),
  };
}
