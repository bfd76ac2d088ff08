import "server-only";
import type { UploadedPhoto } from "@/lib/upload-api";
import type { CurrentUser } from "@/server/auth/current-user";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { isUuid } from "@/server/policy/photos";
import { toUploadedPhoto, uploadedPhotoSelect } from "./to-uploaded-photo";

/** An upload's processing state, for its owner only (anyone else: not found). */
export async function getOwnUpload(viewer: CurrentUser, photoId: string): Promise<UploadedPhoto> {
  const row = isUuid(photoId)
    ? await db()
        .$primary()
        .photo.findFirst({
          where: { id: photoId, ownerId: viewer.id, deletedAt: null },
          select: uploadedPhotoSelect,
        })
    : null;
  if (!row) throw new AppError("not_found", "No such photo");
  return toUploadedPhoto(row);
}
