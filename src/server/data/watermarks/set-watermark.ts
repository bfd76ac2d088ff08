import "server-only";
import type { WatermarkInput } from "@/lib/schemas/watermark";
import type { CurrentUser } from "@/server/auth/current-user";
import { db } from "@/server/db/client";
import { enqueueJob } from "@/server/jobs/enqueue";

/**
 * Sets (or, with an empty text, removes) the viewer's watermark. When it changed, every ready photo of
 * theirs is queued to have its display variants made again (in the same transaction as the change,
 * through the job queue); each job gives its photo new media URLs once its new variants are written.
 * Returns how many photos were queued.
 */
export async function setWatermark(viewer: CurrentUser, input: WatermarkInput): Promise<number> {
  const text = input.text || null;
  return db().$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({
      where: { id: viewer.id },
      select: { watermarkText: true, watermarkCorner: true, watermarkOpacity: true },
    });
    await tx.user.update({
      where: { id: viewer.id },
      data: { watermarkText: text, watermarkCorner: input.corner, watermarkOpacity: input.opacity },
    });
    const drawnBefore = before.watermarkText;
    const unchanged =
      drawnBefore === text &&
      (text === null ||
        (before.watermarkCorner === input.corner && before.watermarkOpacity === input.opacity));
    if (unchanged) return 0;
    const photos = await tx.photo.findMany({
      where: { ownerId: viewer.id, status: "READY", deletedAt: null },
      select: { id: true },
    });
    for (const photo of photos) {
      await enqueueJob(tx, {
        kind: "process-photo",
        photoId: photo.id,
        ownerId: viewer.id,
        payload: { newMediaVersion: true },
      });
    }
    return photos.length;
  });
}
