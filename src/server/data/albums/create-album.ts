import "server-only";
import { db } from "@/server/db/client";
import type { Viewer } from "@/server/policy/viewer";

export interface AlbumDetails {
  title: string;
  description: string;
}

/** A new album of the viewer's own. PRIVATE, like every new album: it lends access to nobody yet. */
export async function createAlbum(
  viewer: NonNullable<Viewer>,
  details: AlbumDetails,
): Promise<{ id: string }> {
  return db().album.create({
    data: {
      ownerId: viewer.id,
      title: details.title,
      description: details.description,
      visibility: "PRIVATE",
    },
    select: { id: true },
  });
}
