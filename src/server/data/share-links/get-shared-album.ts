import "server-only";
import { linkedPhotoWhere } from "@/server/policy/access";
import { db } from "@/server/db/client";
import { type ShareLinkGrant } from "@/server/policy/share-links";

export interface SharedAlbumView {
  id: string;
  title: string;
  description: string;
  ownerName: string;
  /** The photos the link shows (ready, not hidden, not deleted). */
  photoCount: number;
}

/** The album of an album link, or null (a photo link, or an album that is gone). */
export async function getSharedAlbum(link: ShareLinkGrant): Promise<SharedAlbumView | null> {
  if (!link.albumId) return null;
  const album = await db().album.findFirst({
    where: { id: link.albumId, ownerId: link.createdById },
    select: { id: true, title: true, description: true, owner: { select: { displayName: true } } },
  });
  if (!album) return null;
  const photoCount = await db().photo.count({ where: linkedPhotoWhere(link) });
  return {
    id: album.id,
    title: album.title,
    description: album.description,
    ownerName: album.owner.displayName,
    photoCount,
  };
}
