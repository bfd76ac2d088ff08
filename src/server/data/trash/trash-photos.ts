import "server-only";
import { db } from "@/server/db/client";
import { isUuid } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";

/**
 * Moves the viewer's own photos among `ids` to the trash (others' ids match nothing) and returns how
 * many. From the next request every path refuses them, as for a deleted photo: every read leaves out
 * `deleted_at`, and the bumped access version retires every media URL (a cache holding one serves it
 * to nobody new). The rows and files stay, so a restore brings back albums, grants, favourites and
 * comments; the page-version trigger retires cached pages in the same transaction.
 */
export async function trashPhotos(viewer: NonNullable<Viewer>, ids: string[]): Promise<number> {
  const valid = [...new Set(ids.filter(isUuid))];
  if (valid.length === 0) return 0;
  return db().$executeRaw`
    UPDATE photos SET deleted_at = now(), access_version = access_version + 1, updated_at = now()
    WHERE id = ANY(${valid}::uuid[]) AND owner_id = ${viewer.id}::uuid AND deleted_at IS NULL`;
}
