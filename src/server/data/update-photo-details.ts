import "server-only";
import type { License } from "@/lib/licenses";
import type { Viewer } from "@/server/policy/viewer";
import { db, dbFor } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { enqueueJob } from "@/server/jobs/enqueue";
import { movePhotos } from "./albums/move-photos";

export interface PhotoDetails {
  photoId: string;
  title: string;
  description: string;
  tags: string[];
  albumId: string;
  /** Others may download the original, without its location; undefined leaves it as it is. */
  allowOriginal?: boolean;
  /** Undefined leaves it as it is. */
  license?: License;
}

/** The owner's edit. Scoped in the query itself: someone else's photo or album matches nothing. */
export async function updatePhotoDetails(viewer: NonNullable<Viewer>, details: PhotoDetails): Promise<void> {
  const album = await dbFor(viewer).album.findFirst({
    where: { id: details.albumId, ownerId: viewer.id },
    select: { id: true },
  });
  if (!album) throw new AppError("not_found", "Choose one of your albums", { field: "albumId" });
  const current = await dbFor(viewer).photo.findFirst({
    where: { id: details.photoId, ownerId: viewer.id, deletedAt: null },
    select: { albumId: true, allowOriginal: true, sharedOriginalKey: true },
  });
  if (!current) throw new AppError("not_found", "No such photo");
  // Turning downloads off narrows access: a new media version retires the old original URL, which
  // a shared cache may hold for a public photo.
  const narrows = current.allowOriginal && details.allowOriginal === false;
  // Turning downloads on makes the copy without location in the job queue, once, so no visitor's
  // request has to (src/server/media/shared-original.ts).
  const opens = !current.allowOriginal && details.allowOriginal === true && !current.sharedOriginalKey;
  await db().$transaction(async (tx) => {
    await tx.photo.updateMany({
      where: { id: details.photoId, ownerId: viewer.id },
      data: {
        title: details.title,
        description: details.description,
        tags: details.tags,
        ...(details.allowOriginal !== undefined && { allowOriginal: details.allowOriginal }),
        ...(details.license !== undefined && { license: details.license }),
        ...(narrows && { accessVersion: { increment: 1 } }),
      },
    });
    if (opens) await enqueueJob(tx, { kind: "make-shared-original", photoId: details.photoId });
  });
  // A move goes through the one place that keeps covers, order and access versions right.
  if (current.albumId !== album.id) await movePhotos(viewer, [details.photoId], album.id);
}
