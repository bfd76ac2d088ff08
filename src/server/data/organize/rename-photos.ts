import "server-only";
import { db } from "@/server/db/client";
import type { Viewer } from "@/server/policy/viewer";
import { lockOwnPhotos, photosWord, saveUndo, validIds, writePhotoFields } from "./photo-batch";

/** The title for the n-th photo (1-based) of a batch: every `{n}` in the pattern becomes n. */
export function titleFor(pattern: string, n: number): string {
  return pattern.replaceAll("{n}", String(n));
}

/**
 * Titles the viewer's own photos among `ids` from a pattern ("Lisbon {n}" → Lisbon 1, Lisbon 2, …),
 * numbered in the order of `ids` as far as they are the viewer's. Returns how many were renamed.
 */
export async function renamePhotos(
  viewer: NonNullable<Viewer>,
  ids: string[],
  pattern: string,
): Promise<number> {
  const valid = validIds(ids);
  return db().$transaction(async (tx) => {
    const rows = await lockOwnPhotos(tx, viewer.id, valid);
    if (rows.length === 0) return 0;
    await writePhotoFields(
      tx,
      viewer.id,
      rows.map((r, i) => ({ id: r.id, title: titleFor(pattern, i + 1) })),
    );
    await saveUndo(tx, viewer.id, `Renamed ${photosWord(rows.length)}`, {
      kind: "fields",
      photos: rows.map((r) => ({ id: r.id, title: r.title })),
    });
    return rows.length;
  });
}
