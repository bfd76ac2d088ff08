import "server-only";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import type { Viewer } from "@/server/policy/viewer";
import { type UndoRecord, writePhotoFields } from "./photo-batch";

/** The viewer's last batch edit that Undo would reverse, in words, or null when there is none. */
export async function getLastBatch(viewer: NonNullable<Viewer>): Promise<{ label: string } | null> {
  const [row] = await db().$queryRaw<{ label: string }[]>`
    SELECT label FROM organize_undo WHERE user_id = ${viewer.id}::uuid`;
  return row ?? null;
}

/**
 * Puts back what the viewer's last batch edit changed, on those of its photos that are still theirs
 * and not deleted, and forgets the batch (an undo is not itself undone). Returns the batch's words
 * and how many photos were restored; not_found when there is nothing to undo.
 */
export async function undoLastBatch(
  viewer: NonNullable<Viewer>,
): Promise<{ label: string; restored: number }> {
  return db().$transaction(async (tx) => {
    // DELETE … RETURNING takes the row once: two Undo clicks at the same time restore once.
    const [batch] = await tx.$queryRaw<{ label: string; changes: UndoRecord }[]>`
      DELETE FROM organize_undo WHERE user_id = ${viewer.id}::uuid RETURNING label, changes`;
    if (!batch) throw new AppError("not_found", "There is nothing to undo.");
    const restored = await writePhotoFields(tx, viewer.id, batch.changes.photos);
    return { label: batch.label, restored };
  });
}
