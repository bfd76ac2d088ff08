import "server-only";
import { db } from "@/server/db/client";
import { isUuid } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";
import { deletePhotoRows } from "./delete-photo-rows";

/**
 * Deletes for good the viewer's photos in the trash: those among `ids`, or all of them. Photos not in
 * the trash (or not the viewer's) are left alone. Returns how many went.
 */
export async function emptyTrash(viewer: NonNullable<Viewer>, ids?: string[]): Promise<number> {
  const chosen = ids ? [...new Set(ids.filter(isUuid))] : null;
  if (chosen?.length === 0) return 0;
  return db().$transaction(async (tx) => {
    const targets =
      chosen ??
      (
        await tx.photo.findMany({
          where: { ownerId: viewer.id, deletedAt: { not: null } },
          select: { id: true },
        })
      ).map((p) => p.id);
    return deletePhotoRows(tx, { ids: targets, ownerId: viewer.id });
  });
}
