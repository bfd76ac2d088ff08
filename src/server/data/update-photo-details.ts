import "server-only";
import type { CurrentUser } from "@/server/auth/current-user";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";

export interface PhotoDetails {
  photoId: string;
  title: string;
  description: string;
  tags: string[];
  albumId: string;
}

/** The owner's edit. Scoped in the query itself: someone else's photo or album matches nothing. */
export async function updatePhotoDetails(viewer: CurrentUser, details: PhotoDetails): Promise<void> {
  const album = await db().album.findFirst({
    where: { id: details.albumId, ownerId: viewer.id },
    select: { id: true },
  });
  if (!album) throw new AppError("not_found", "Choose one of your albums", { field: "albumId" });
  const { count } = await db().photo.updateMany({
    where: { id: details.photoId, ownerId: viewer.id, deletedAt: null },
    data: { title: details.title, description: details.description, tags: details.tags, albumId: album.id },
  });
  if (count === 0) throw new AppError("not_found", "No such photo");
}
