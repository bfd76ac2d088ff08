import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { PhotoCard } from "@/lib/photo-card";
import { db } from "@/server/db/client";
import { visibleAlbumSql, type PersonAlbum } from "@/server/data/get-person";
import { cardFromRow, type RawCardRow } from "@/server/data/list-photos";
import { visiblePhotoSql } from "@/server/policy/access";
import { mayViewCollection } from "@/server/policy/collections";
import { isUuid } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";

export interface CollectionView {
  id: string;
  title: string;
  description: string;
  isOwner: boolean;
  owner: { handle: string; displayName: string };
  coverAlbumId: string | null;
  /** The albums in it the viewer may see, in the collection's order (all of them for the owner). */
  albums: PersonAlbum[];
  /** The cover album's cover when the viewer may see it, else the first album's; null if none. */
  cover: PhotoCard | null;
}

interface AlbumRow {
  id: string;
  title: string;
  visibility: PersonAlbum["visibility"];
  is_default: boolean;
  photo_count: number;
  cover: (Omit<RawCardRow, "handle" | "display_name" | "created_at"> & { created_at: string }) | null;
}

const cardJson = Prisma.sql`json_build_object('id', p.id, 'title', p.title, 'width', p.width, 'height', p.height,
  'media_secret', p.media_secret, 'thumbhash', p.thumbhash, 'visibility', p.visibility,
  'created_at', p.created_at)`;

/**
 * A collection as the viewer sees it, or null when the policy (mayViewCollection) says they may not.
 * The album rule (visibleAlbumSql) decides each album, and each album's count and cover are of the
 * photos the viewer may see, as on a person's page.
 */
export async function getCollection(viewer: Viewer, id: string): Promise<CollectionView | null> {
  if (!isUuid(id)) return null;
  const collection = await db().collection.findUnique({
    where: { id },
    select: {
      id: true,
      title: true,
      description: true,
      ownerId: true,
      coverAlbumId: true,
      owner: { select: { handle: true, displayName: true } },
    },
  });
  if (!collection) return null;
  const visible = visiblePhotoSql(viewer);
  const rows = await db().$queryRaw<AlbumRow[]>`
    SELECT a.id, a.title, a.visibility::text AS visibility, a.is_default, n.photo_count,
           COALESCE(chosen.card, newest.card) AS cover
    FROM collection_albums ca JOIN albums a ON a.id = ca.album_id
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS photo_count FROM album_photos ap JOIN photos p ON p.id = ap.photo_id
      WHERE ap.album_id = a.id AND p.status = 'READY' AND ${visible}) n
    LEFT JOIN LATERAL (
      SELECT ${cardJson} AS card FROM photos p
      WHERE p.id = a.cover_photo_id AND p.owner_id = a.owner_id AND p.status = 'READY' AND ${visible}
        AND EXISTS (SELECT 1 FROM album_photos ap WHERE ap.album_id = a.id AND ap.photo_id = p.id)) chosen ON true
    LEFT JOIN LATERAL (
      SELECT ${cardJson} AS card FROM album_photos ap JOIN photos p ON p.id = ap.photo_id
      WHERE ap.album_id = a.id AND p.status = 'READY' AND ${visible}
      ORDER BY p.created_at DESC, p.id DESC LIMIT 1) newest ON chosen.card IS NULL
    WHERE ca.collection_id = ${collection.id}::uuid AND a.owner_id = ${collection.ownerId}::uuid
      AND ${visibleAlbumSql(viewer)}
    ORDER BY ca.position, a.id`;
  if (!mayViewCollection(viewer, collection, rows.length)) return null;
  const isOwner = viewer?.id === collection.ownerId;
  const albums = rows.map((row) => ({
    id: row.id,
    title: row.title,
    visibility: row.visibility,
    isDefault: row.is_default,
    photoCount: row.photo_count,
    cover: row.cover
      ? cardFromRow({
          ...row.cover,
          created_at: new Date(row.cover.created_at),
          handle: collection.owner.handle,
          display_name: collection.owner.displayName,
        })
      : null,
  }));
  const coverAlbum =
    albums.find((a) => a.id === collection.coverAlbumId && a.cover) ?? albums.find((a) => a.cover);
  return {
    id: collection.id,
    title: collection.title,
    description: collection.description,
    isOwner,
    owner: collection.owner,
    coverAlbumId: collection.coverAlbumId,
    albums,
    cover: coverAlbum?.cover ?? null,
  };
}
