import "server-only";
import type { Visibility } from "@/generated/prisma/enums";
import { db } from "@/server/db/client";
import type { Viewer } from "@/server/policy/viewer";
import { lockOwnPhotos, photosWord, saveUndo, validIds, writePhotoFields } from "../organize/photo-batch";

const label = { PUBLIC: "public", PRIVATE: "private", SHARED: "shared" } as const;

/**
 * Sets the visibility of the viewer's own photos among `ids` (others' ids match nothing) and returns
 * how many matched. Where access narrows (PUBLIC → SHARED → PRIVATE), the same UPDATE bumps the
 * photo's access version: media URLs carry it, so copies of the old public URLs stop resolving.
 * Making photos PRIVATE removes their named viewers: they never come back by themselves.
 * The previous visibilities become the viewer's last batch, for Undo on /organize.
 */
export async function setPhotosVisibility(
  viewer: NonNullable<Viewer>,
  ids: string[],
  visibility: Visibility,
): Promise<number> {
  const valid = validIds(ids);
  if (valid.length === 0) return 0;
  return db().$transaction(async (tx) => {
    const rows = await lockOwnPhotos(tx, viewer.id, valid);
    if (rows.length === 0) return 0;
    await writePhotoFields(
      tx,
      viewer.id,
      rows.map((r) => ({ id: r.id, visibility })),
    );
    await saveUndo(tx, viewer.id, `Made ${photosWord(rows.length)} ${label[visibility]}`, {
      kind: "fields",
      photos: rows.map((r) => ({ id: r.id, visibility: r.visibility })),
    });
    // Private means the owner alone: the named viewers go, and sharing it again starts afresh.
    if (visibility === "PRIVATE") {
      await tx.$executeRaw`
        DELETE FROM access_grants g USING photos p
        WHERE g.photo_id = p.id AND p.id = ANY(${rows.map((r) => r.id)}::uuid[]) AND p.owner_id = ${viewer.id}::uuid`;
    }
    return rows.length;
  });
}
