import "server-only";
import type { Visibility } from "@/generated/prisma/enums";
import { db } from "@/server/db/client";
import { isUuid } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";

/** How many people a visibility lets in: a move to a lower rank narrows access. */
const visibilityRank: Record<Visibility, number> = { PRIVATE: 0, SHARED: 1, PUBLIC: 2 };

/**
 * Sets the visibility of the viewer's own photos among `ids` (others' ids match nothing) and returns
 * how many matched. Where access narrows (PUBLIC → SHARED → PRIVATE), the same UPDATE bumps the
 * photo's access version: media URLs carry it, so copies of the old public URLs stop resolving.
 * Making photos PRIVATE removes their named viewers: they never come back by themselves.
 */
export async function setPhotosVisibility(
  viewer: NonNullable<Viewer>,
  ids: string[],
  visibility: Visibility,
): Promise<number> {
  const valid = [...new Set(ids.filter(isUuid))];
  if (valid.length === 0) return 0;
  // In SET, `visibility` on the right-hand side is the row's old value.
  return db().$transaction(async (tx) => {
    const count = await tx.$executeRaw`
    UPDATE photos
    SET visibility = ${visibility}::visibility,
        access_version = access_version
          + CASE WHEN (CASE visibility WHEN 'PUBLIC' THEN 2 WHEN 'SHARED' THEN 1 ELSE 0 END)
                      > ${visibilityRank[visibility]}::int
                 THEN 1 ELSE 0 END,
        updated_at = now()
    WHERE id = ANY(${valid}::uuid[]) AND owner_id = ${viewer.id}::uuid AND deleted_at IS NULL`;
    // Private means the owner alone: the named viewers go, and sharing it again starts afresh.
    if (visibility === "PRIVATE") {
      await tx.$executeRaw`
        DELETE FROM access_grants g USING photos p
        WHERE g.photo_id = p.id AND p.id = ANY(${valid}::uuid[]) AND p.owner_id = ${viewer.id}::uuid`;
    }
    return count;
  });
}
