import "server-only";
import type { Viewer } from "@/server/policy/viewer";
import { db } from "@/server/db/client";
import { enqueueJob } from "@/server/jobs/enqueue";
import { VARIANT_LADDER } from "@/server/images/variants";
import { isUuid } from "@/server/policy/photos";
import { variantKey } from "@/server/storage/keys";

/**
 * Deletes the viewer's own photos among `ids` (others' ids match nothing) and returns how many.
 * The rows go at once, so every path refuses them on the next request; the files are removed by a
 * job that commits in the same transaction.
 */
export async function deletePhotos(viewer: NonNullable<Viewer>, ids: string[]): Promise<number> {
  const valid = [...new Set(ids.filter(isUuid))];
  if (valid.length === 0) return 0;
  return db().$transaction(async (tx) => {
    const photos = await tx.photo.findMany({
      where: { id: { in: valid }, ownerId: viewer.id },
      select: {
        id: true,
        originalKey: true,
        sharedOriginalKey: true,
        album: { select: { id: true, isDefault: true } },
        variants: { select: { key: true } },
      },
    });
    if (photos.length === 0) return 0;
    await tx.photo.deleteMany({ where: { id: { in: photos.map((p) => p.id) }, ownerId: viewer.id } });
    // Every key a processing run could write, recorded or not: a job may still be running.
    const keys = photos.flatMap((p) => [
      p.originalKey,
      ...(p.sharedOriginalKey ? [p.sharedOriginalKey] : []),
      ...p.variants.map((v) => v.key),
      ...VARIANT_LADDER.map((width) =>
        variantKey({
          ownerId: viewer.id,
          albumId: p.album.isDefault ? null : p.album.id,
          photoId: p.id,
          width,
          format: "webp",
        }),
      ),
    ]);
    // Delayed a little so a processing run in flight has finished writing before its files go.
    await enqueueJob(tx, {
      kind: "delete-photo-files",
      payload: { keys: [...new Set(keys)] },
      runAt: new Date(Date.now() + 5_000),
    });
    return photos.length;
  });
}
