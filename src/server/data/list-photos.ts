import "server-only";
import { crc32 } from "node:zlib";
import { thumbHashToApproximateAspectRatio } from "thumbhash";
import { Prisma } from "@/generated/prisma/client";
import { mediaBase } from "@/lib/media-url";
import type { PhotoCard, PhotoPage } from "@/lib/photo-card";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { requireAlbumAccess } from "@/server/policy/albums";
import { isUuid } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";
import { decodePositionCursor, decodeTimeCursor, encodeCursor } from "./photo-cursor";

export type PhotoScope =
  { kind: "explore" } | { kind: "stream"; ownerId: string } | { kind: "album"; albumId: string };

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
  position: true,
  owner: { select: { handle: true, displayName: true } },
} satisfies Prisma.PhotoSelect;

type CardRow = Prisma.PhotoGetPayload<{ select: typeof cardSelect }>;

/** What the raw queries below return for one card. */
export interface RawCardRow {
  id: string;
  title: string;
  width: number | null;
  height: number | null;
  access_version: number;
  thumbhash: string | null;
  visibility: PhotoCard["visibility"];
  created_at: Date;
  position: number;
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
  { scope: "explore" } | { scope: "stream"; owner: string } | { scope: "album"; album: string };

/**
 * The scope a request names, once the viewer may see it: an unknown handle, or an album that does not
 * exist or that they may not open, is `not_found` (never `forbidden`: existence is not confirmed).
 */
export async function resolvePhotoScope(viewer: Viewer, request: PhotoScopeRequest): Promise<PhotoScope> {
  if (request.scope === "explore") return { kind: "explore" };
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
  p.visibility::text AS visibility, p.created_at, p.position`;

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
  const nextCursor =
    rows.length > limit && last
      ? encodeCursor(
          scope.kind === "album"
            ? { p: last.position, id: last.id }
            : { t: last.created_at.toISOString(), id: last.id },
        )
      : null;
  return { photos: page.map(cardFromRow), nextCursor };
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
      ? Prisma.sql`AND (p.position, p.id) > (${after.p}::float8, ${after.id}::uuid)`
      : Prisma.empty;
    return Prisma.sql`SELECT ${cardColumns}, u.handle, u.display_name
      FROM photos p JOIN users u ON u.id = p.owner_id
      WHERE p.album_id = ${scope.albumId}::uuid AND p.status = 'READY' ${keyset} AND ${visiblePhotoSql(viewer)}
      ORDER BY p.position ASC, p.id ASC LIMIT ${take}`;
  }

  const before = decodeTimeCursor(cursor);
  const keyset = before
    ? Prisma.sql`AND (p.created_at, p.id) < (${before.t}::timestamptz, ${before.id}::uuid)`
    : Prisma.empty;

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
  });
}

export function toCard(row: CardRow): PhotoCard {
  return card(row);
}

function card(row: Omit<CardRow, "position">): PhotoCard {
  return {
    id: row.id,
    title: row.title,
    width: row.width ?? 1,
    height: row.height ?? 1,
    mediaBase: mediaBase(row.id, row.accessVersion),
    placeholder: row.thumbhash ? placeholderDataUrl(row.thumbhash) : null,
    alt: row.title.trim() || `Photo by ${row.owner.displayName}`,
    owner: row.owner,
    visibility: row.visibility,
    createdAt: row.createdAt.toISOString(),
  };
}

// Placeholders. thumbhash's own thumbHashToDataURL (behind thumbhashToDataUrl in
// src/server/images/thumbhash.ts) renders 32 px with a cosine per pixel and writes an uncompressed
// PNG: about 0.4 ms and 4 KB a photo, and a grid page carries 60 of them twice (HTML and the RSC
// payload). The same hash rendered 8 px wide with cosine tables is about 300 bytes in tens of
// microseconds, and once the browser scales it up over the tile it looks the same: a ThumbHash is a
// handful of low-frequency cosines. Rendered ones are kept, bounded, since popular pages repeat.
// This belongs beside thumbhashToDataUrl in src/server/images/thumbhash.ts.
const PLACEHOLDER_SIDE = 8;
const placeholderMemo = new Map<string, string>();
const PLACEHOLDER_MEMO_MAX = 20_000;

/** A small `data:image/png` rendering of a base64 ThumbHash, or null when it is not one. */
export function placeholderDataUrl(thumbhash: string): string | null {
  const known = placeholderMemo.get(thumbhash);
  if (known !== undefined) return known;
  const bytes = Buffer.from(thumbhash, "base64");
  if (bytes.length < 5) return null;
  const { w, h, rgba, alpha } = renderThumbhash(bytes, PLACEHOLDER_SIDE);
  const url = `data:image/png;base64,${encodePng(w, h, rgba, alpha).toString("base64")}`;
  if (placeholderMemo.size >= PLACEHOLDER_MEMO_MAX) {
    const oldest = placeholderMemo.keys().next().value;
    if (oldest !== undefined) placeholderMemo.delete(oldest);
  }
  placeholderMemo.set(thumbhash, url);
  return url;
}

// thumbhash's decoder (MIT, Evan Wallace) with the output size as a parameter and the cosines
// computed once per column and row instead of once per pixel.
function renderThumbhash(hash: Uint8Array, side: number) {
  const at = (i: number) => hash[i] ?? 0;
  const header24 = at(0) | (at(1) << 8) | (at(2) << 16);
  const header16 = at(3) | (at(4) << 8);
  const lDc = (header24 & 63) / 63;
  const pDc = ((header24 >> 6) & 63) / 31.5 - 1;
  const qDc = ((header24 >> 12) & 63) / 31.5 - 1;
  const lScale = ((header24 >> 18) & 31) / 31;
  const hasAlpha = header24 >> 23 === 1;
  const pScale = ((header16 >> 3) & 63) / 63;
  const qScale = ((header16 >> 9) & 63) / 63;
  const isLandscape = header16 >> 15 === 1;
  const lx = Math.max(3, isLandscape ? (hasAlpha ? 5 : 7) : header16 & 7);
  const ly = Math.max(3, isLandscape ? header16 & 7 : hasAlpha ? 5 : 7);
  const aDc = hasAlpha ? (at(5) & 15) / 15 : 1;
  const aScale = (at(5) >> 4) / 15;

  const acStart = hasAlpha ? 6 : 5;
  let acIndex = 0;
  const channel = (nx: number, ny: number, scale: number) => {
    const ac: number[] = [];
    for (let cy = 0; cy < ny; cy++) {
      for (let cx = cy ? 0 : 1; cx * ny < nx * (ny - cy); cx++) {
        ac.push((((at(acStart + (acIndex >> 1)) >> ((acIndex++ & 1) << 2)) & 15) / 7.5 - 1) * scale);
      }
    }
    return ac;
  };
  const lAc = channel(lx, ly, lScale);
  const pAc = channel(3, 3, pScale * 1.25);
  const qAc = channel(3, 3, qScale * 1.25);
  const aAc = hasAlpha ? channel(5, 5, aScale) : [];

  const ratio = thumbHashToApproximateAspectRatio(hash);
  const w = Math.max(1, Math.round(ratio > 1 ? side : side * ratio));
  const h = Math.max(1, Math.round(ratio > 1 ? side / ratio : side));
  const nx = Math.max(lx, hasAlpha ? 5 : 3);
  const ny = Math.max(ly, hasAlpha ? 5 : 3);
  // cos(π / size · (x + ½) · c) for every position x and coefficient c < n; doubled along y as in the
  // original, so the inner loops only multiply.
  const cosTable = (n: number, size: number, factor: number) => {
    const table = new Float64Array(size * n);
    for (let x = 0; x < size; x++) {
      for (let c = 0; c < n; c++) table[x * n + c] = factor * Math.cos((Math.PI / size) * (x + 0.5) * c);
    }
    return table;
  };
  const fx = cosTable(nx, w, 1);
  const fy = cosTable(ny, h, 2);
  const rgba = new Uint8Array(w * h * 4);
  for (let y = 0, i = 0; y < h; y++) {
    const oy = y * ny;
    for (let x = 0; x < w; x++, i += 4) {
      const ox = x * nx;
      let l = lDc;
      let p = pDc;
      let q = qDc;
      let a = aDc;
      for (let cy = 0, j = 0; cy < ly; cy++) {
        const fy2 = fy[oy + cy]!;
        for (let cx = cy ? 0 : 1; cx * ly < lx * (ly - cy); cx++, j++) l += lAc[j]! * fx[ox + cx]! * fy2;
      }
      for (let cy = 0, j = 0; cy < 3; cy++) {
        const fy2 = fy[oy + cy]!;
        for (let cx = cy ? 0 : 1; cx < 3 - cy; cx++, j++) {
          const f = fx[ox + cx]! * fy2;
          p += pAc[j]! * f;
          q += qAc[j]! * f;
        }
      }
      if (hasAlpha) {
        for (let cy = 0, j = 0; cy < 5; cy++) {
          const fy2 = fy[oy + cy]!;
          for (let cx = cy ? 0 : 1; cx < 5 - cy; cx++, j++) a += aAc[j]! * fx[ox + cx]! * fy2;
        }
      }
      const b = l - (2 / 3) * p;
      const r = (3 * l - b + q) / 2;
      const g = r - q;
      rgba[i] = Math.max(0, 255 * Math.min(1, r));
      rgba[i + 1] = Math.max(0, 255 * Math.min(1, g));
      rgba[i + 2] = Math.max(0, 255 * Math.min(1, b));
      rgba[i + 3] = Math.max(0, 255 * Math.min(1, a));
    }
  }
  return { w, h, rgba, alpha: hasAlpha };
}

// An 8-bit RGB (or RGBA) PNG whose pixels go in one uncompressed ("stored") deflate block: at a few
// hundred bytes, setting up zlib would cost more than it saves.
function encodePng(w: number, h: number, rgba: Uint8Array, alpha: boolean): Buffer {
  const channels = alpha ? 4 : 3;
  const stride = w * channels + 1;
  const size = stride * h;
  // zlib header, one final stored block (LEN, ~LEN), the scanlines (filter byte 0), Adler-32.
  const idat = Buffer.alloc(2 + 5 + size + 4);
  idat[0] = 0x78;
  idat[1] = 0x01;
  idat[2] = 1;
  idat.writeUInt16LE(size, 3);
  idat.writeUInt16LE(~size & 0xffff, 5);
  let o = 7;
  for (let y = 0; y < h; y++) {
    idat[o++] = 0;
    for (let x = 0; x < w; x++) {
      for (let c = 0; c < channels; c++) idat[o++] = rgba[(y * w + x) * 4 + c]!;
    }
  }
  let s1 = 1;
  let s2 = 0;
  for (let k = 7; k < o; k++) {
    s1 = (s1 + idat[k]!) % 65521;
    s2 = (s2 + s1) % 65521;
  }
  idat.writeUInt32BE(((s2 << 16) | s1) >>> 0, o);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(h, 4);
  header[8] = 8;
  header[9] = alpha ? 6 : 2;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", idat),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body) >>> 0, body.length + 4);
  return out;
}
