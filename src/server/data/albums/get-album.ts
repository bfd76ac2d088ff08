import "server-only";
import type { Visibility } from "@/generated/prisma/enums";
import { db } from "@/server/db/client";
import { visibleAlbumWhere } from "@/server/policy/albums";
import { isUuid, visiblePhotoWhere } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";

export interface AlbumView {
  id: string;
  title: string;
  description: string;
  visibility: Visibility;
  isDefault: boolean;
  /** The viewer owns it: the page shows the owner's controls (every action checks again). */
  isOwner: boolean;
  owner: { handle: string; displayName: string };
  /** Photos in the album this viewer can see (ready ones: what the grid shows). */
  photoCount: number;
  /** The chosen cover, only while it is still in the album and visible to this viewer. */
  coverPhotoId: string | null;
  updatedAt: string;
}

/** The album as this viewer may see it, or null when it does not exist or is not theirs to see. */
export async function getAlbum(viewer: Viewer, albumId: string): Promise<AlbumView | null> {
  if (!isUuid(albumId)) return null;
  // The primary, for anonymous visitors too (DATABASE_REPLICA_URLS): these reads decide who sees the
  // album and its cover, and a replica's lag would still show an album or photo made private.
  const primary = db().$primary();
  const album = await primary.album.findFirst({
    where: { AND: [{ id: albumId }, visibleAlbumWhere(viewer)] },
    select: {
      id: true,
      ownerId: true,
      title: true,
      description: true,
      visibility: true,
      isDefault: true,
      coverPhotoId: true,
      updatedAt: true,
      owner: { select: { handle: true, displayName: true } },
    },
  });
  if (!album) return null;

  const inAlbum = { memberships: { some: { albumId: album.id } }, status: "READY" as const };
  const [photoCount, cover] = await Promise.all([
    primary.photo.count({ where: { AND: [visiblePhotoWhere(viewer), inAlbum] } }),
    // A cover that left the album (moved, deleted) must never show here: it may be private elsewhere.
    album.coverPhotoId
      ? primary.photo.findFirst({
          where: { AND: [visiblePhotoWhere(viewer), inAlbum, { id: album.coverPhotoId }] },
          select: { id: true },
        })
      : null,
  ]);

  return {
    id: album.id,
    title: album.title,
    description: album.description,
    visibility: album.visibility,
    isDefault: album.isDefault,
    isOwner: viewer?.id === album.ownerId,
    owner: album.owner,
    photoCount,
    coverPhotoId: cover?.id ?? null,
    updatedAt: album.updatedAt.toISOString(),
  };
}
