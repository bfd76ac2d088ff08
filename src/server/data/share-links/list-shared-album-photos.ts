import "server-only";
import { sharedMediaBase } from "@/lib/media-url";
import type { PhotoCard } from "@/lib/photo-card";
import { db } from "@/server/db/client";
import { linkedPhotoWhere, type ShareLinkGrant } from "@/server/policy/share-links";
import { decodePositionCursor, encodeCursor } from "../photo-cursor";

/** What a shared album's grid draws of one photo: no owner handle, no visibility, nothing else. */
export type SharedPhotoCard = Pick<
  PhotoCard,
  "id" | "title" | "width" | "height" | "mediaBase" | "thumbhash" | "alt"
>;

export const SHARED_PAGE_SIZE = 60;

/** One page of an album link's photos in album order (keyset on position, like the album page). */
export async function listSharedAlbumPhotos(
  link: ShareLinkGrant,
  cursor: string | null,
): Promise<{ photos: SharedPhotoCard[]; nextCursor: string | null }> {
  if (!link.albumId) return { photos: [], nextCursor: null };
  const after = decodePositionCursor(cursor);
  // The primary: a replica's lag would still show a photo hidden, deleted or moved out of the album.
  const primary = db().$primary();
  const members = await primary.albumPhoto.findMany({
    where: {
      AND: [
        { albumId: link.albumId, photo: linkedPhotoWhere(link) },
        after
          ? { OR: [{ position: { gt: after.p } }, { position: after.p, photoId: { gt: after.id } }] }
          : {},
      ],
    },
    orderBy: [{ position: "asc" }, { photoId: "asc" }],
    take: SHARED_PAGE_SIZE + 1,
    select: {
      position: true,
      photo: {
        select: {
          id: true,
          title: true,
          width: true,
          height: true,
          thumbhash: true,
          accessVersion: true,
          owner: { select: { displayName: true } },
        },
      },
    },
  });
  const rows = members.map((m) => ({ ...m.photo, position: m.position }));
  const page = rows.slice(0, SHARED_PAGE_SIZE);
  const last = page.at(-1);
  return {
    photos: page.map((row) => ({
      id: row.id,
      title: row.title,
      width: row.width ?? 1,
      height: row.height ?? 1,
      mediaBase: sharedMediaBase(row.id, row.accessVersion, link.token),
      thumbhash: row.thumbhash,
      alt: row.title.trim() || `Photo by ${row.owner.displayName}`,
    })),
    nextCursor:
      rows.length > SHARED_PAGE_SIZE && last ? encodeCursor({ p: last.position, id: last.id }) : null,
  };
}
