import "server-only";
import { db } from "@/server/db/client";
import type { Viewer } from "@/server/policy/viewer";
import { lockOwnPhotos, photosWord, saveUndo, validIds, writePhotoFields } from "./photo-batch";

export interface ShiftedPhotos {
  /** Photos whose date taken moved. */
  shifted: number;
  /** The viewer's photos among the ids with no date taken (the camera did not say): left alone. */
  undated: number;
}

/**
 * Moves the date taken of the viewer's own photos among `ids` by `minutes` (negative: earlier), for a
 * camera whose clock was wrong. Photos without a date taken have nothing to shift.
 */
export async function shiftPhotosTakenAt(
  viewer: NonNullable<Viewer>,
  ids: string[],
  minutes: number,
): Promise<ShiftedPhotos> {
  const valid = validIds(ids);
  return db().$transaction(async (tx) => {
    const rows = await lockOwnPhotos(tx, viewer.id, valid);
    const dated = rows.filter((r): r is typeof r & { taken_at: Date } => r.taken_at !== null);
    if (dated.length === 0) return { shifted: 0, undated: rows.length };
    await writePhotoFields(
      tx,
      viewer.id,
      dated.map((r) => ({
        id: r.id,
        takenAt: new Date(r.taken_at.getTime() + minutes * 60_000).toISOString(),
      })),
    );
    await saveUndo(tx, viewer.id, `Shifted the date taken of ${photosWord(dated.length)}`, {
      kind: "fields",
      photos: dated.map((r) => ({ id: r.id, takenAt: r.taken_at.toISOString() })),
    });
    return { shifted: dated.length, undated: rows.length - dated.length };
  });
}
