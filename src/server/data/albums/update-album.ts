import "server-only";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { isUuid } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";
import type { AlbumDetails } from "./create-album";

/** Renames and re-describes one of the viewer's albums; another user's album matches nothing. */
export async function updateAlbum(
  viewer: NonNullable<Viewer>,
  albumId: string,
  details: AlbumDetails,
): Promise<void> {
  const { count } = isUuid(albumId)
    ? await db().album.updateMany({
        where: { id: albumId, ownerId: viewer.id },
        data: { title: details.title, description: details.description },
      })
    : { count: 0 };
  if (count === 0) throw new AppError("not_found", "No such album");
}
