import "server-only";
import { db } from "@/server/db/client";
import { enqueueJob } from "@/server/jobs/enqueue";
import { isUuid } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";

/**
 * Takes the viewer's own photos among `ids` out of the trash and returns how many. Nothing was
 * detached when they went in, so each comes back in its albums with its grants, share links,
 * favourites and comments. A photo trashed before its processing ran (the job skips trashed photos)
 * is queued for processing again.
 */
export async function restorePhotos(viewer: NonNullable<Viewer>, ids: string[]): Promise<number> {
  const valid = [...new Set(ids.filter(isUuid))];
  if (valid.length === 0) return 0;
  return db().$transaction(async (tx) => {
    const restored = await tx.$queryRaw<{ id: string; status: string }[]>`
      UPDATE photos SET deleted_at = NULL, updated_at = now()
      WHERE id = ANY(${valid}::uuid[]) AND owner_id = ${viewer.id}::uuid AND deleted_at IS NOT NULL
      RETURNING id::text, status::text`;
    for (const photo of restored.filter((p) => p.status === "PROCESSING")) {
      await enqueueJob(tx, { kind: "process-photo", photoId: photo.id, ownerId: viewer.id });
    }
    return restored.length;
  });
}
