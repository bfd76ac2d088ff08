import "server-only";
import { MAX_TAGS } from "@/lib/tags";
import { db } from "@/server/db/client";
import type { Viewer } from "@/server/policy/viewer";
import { lockOwnPhotos, photosWord, saveUndo, validIds, writePhotoFields } from "./photo-batch";

/** A photo's tags after a batch: the removed ones out, the added ones appended, at most MAX_TAGS. */
export function editedTags(tags: string[], add: string[], remove: string[]): string[] {
  const gone = new Set(remove);
  return [...new Set([...tags.filter((t) => !gone.has(t)), ...add.filter((t) => !gone.has(t))])].slice(
    0,
    MAX_TAGS,
  );
}

/**
 * Adds and removes tags (already normalised, as parseTags writes them) on the viewer's own photos
 * among `ids`. Returns how many photos matched.
 */
export async function editPhotosTags(
  viewer: NonNullable<Viewer>,
  ids: string[],
  edit: { add: string[]; remove: string[] },
): Promise<number> {
  const valid = validIds(ids);
  return db().$transaction(async (tx) => {
    const rows = await lockOwnPhotos(tx, viewer.id, valid);
    if (rows.length === 0) return 0;
    await writePhotoFields(
      tx,
      viewer.id,
      rows.map((r) => ({ id: r.id, tags: editedTags(r.tags, edit.add, edit.remove) })),
    );
    await saveUndo(tx, viewer.id, `Changed the tags of ${photosWord(rows.length)}`, {
      kind: "fields",
      photos: rows.map((r) => ({ id: r.id, tags: r.tags })),
    });
    return rows.length;
  });
}
