import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { visibleAlbumSql } from "@/server/data/get-person";
import { visiblePhotoSql } from "@/server/data/list-photos";
import { decodeTimeCursor, encodeCursor } from "@/server/data/photo-cursor";
import { AppError } from "@/server/errors/app-error";
import type { Viewer } from "@/server/policy/viewer";

export interface AlbumSummary {
  id: string;
  title: string;
  visibility: "PUBLIC" | "PRIVATE" | "SHARED";
  isDefault: boolean;
  owner: { handle: string; displayName: string };
  /** Ready photos in it the viewer may see. */
  photoCount: number;
}

export interface AlbumPage {
  albums: AlbumSummary[];
  nextCursor: string | null;
}

interface Row {
  id: string;
  title: string;
  visibility: AlbumSummary["visibility"];
  is_default: boolean;
  created_at: Date;
  handle: string;
  display_name: string;
  photo_count: number;
}

/**
 * One page of a person's albums the viewer may open (visibleAlbumSql, the album policy's SQL),
 * newest first, keyset by (created_at, id). As on their page, others see the default album only when
 * it holds photos they may see.
 */
export async function listAlbums(
  viewer: Viewer,
  ownerHandle: string,
  options: { cursor?: string | null; limit?: number } = {},
): Promise<AlbumPage> {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 60) || 60, 1), 100);
  const [owner] = await db().$queryRaw<{ id: string }[]>(
    Prisma.sql`SELECT id FROM users WHERE handle = ${ownerHandle.toLowerCase()}`,
  );
  if (!owner) throw new AppError("not_found", "No such person");
  const before = decodeTimeCursor(options.cursor);
  const keyset = before
    ? Prisma.sql`AND (a.created_at, a.id) < (${before.t}::timestamptz, ${before.id}::uuid)`
    : Prisma.empty;
  const mine = viewer?.id === owner.id;
  const rows = await db().$queryRaw<Row[]>(
    Prisma.sql`SELECT a.id, a.title, a.visibility::text AS visibility, a.is_default, a.created_at,
                      u.handle, u.display_name, n.photo_count
               FROM albums a JOIN users u ON u.id = a.owner_id
               CROSS JOIN LATERAL (
                 SELECT count(*)::int AS photo_count FROM album_photos ap JOIN photos p ON p.id = ap.photo_id
                 WHERE ap.album_id = a.id AND p.status = 'READY' AND ${visiblePhotoSql(viewer)}) n
               WHERE a.owner_id = ${owner.id}::uuid AND ${visibleAlbumSql(viewer)} ${keyset}
                 AND (NOT a.is_default OR ${mine} OR n.photo_count > 0)
               ORDER BY a.created_at DESC, a.id DESC
               LIMIT ${limit + 1}`,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    albums: page.map((row) => ({
      id: row.id,
      title: row.title,
      visibility: row.visibility,
      isDefault: row.is_default,
      owner: { handle: row.handle, displayName: row.display_name },
      photoCount: row.photo_count,
    })),
    nextCursor:
      rows.length > limit && last ? encodeCursor({ t: last.created_at.toISOString(), id: last.id }) : null,
  };
}
