import "server-only";
import { db } from "@/server/db/client";
import type { Viewer } from "@/server/policy/viewer";
import { lockOwnPhotos, photosWord, saveUndo, validIds, writePhotoFields } from "./photo-batch";

/** Gives the viewer's own photos among `ids` one description (empty clears it); returns how many. */
export async function setPhotosDescription(
  viewer: NonNullable<Viewer>,
  ids: string[],
  description: string,
): Promise<number> {
  const valid = validIds(ids);
  return db().$transaction(async (tx) => {
    const rows = await lockOwnPhotos(tx, viewer.id, valid);
    if (rows.length === 0) return 0;
    await writePhotoFields(
      tx,
      viewer.id,
      rows.map((r) => ({ id: r.id, description })),
    );
    await saveUndo(tx, viewer.id, `Changed the description of ${photosWord(rows.length)}`, {
      kind: "fields",
      photos: rows.map((r) => ({ id: r.id, description: r.description })),
    });
    return rows.length;
  });
}
