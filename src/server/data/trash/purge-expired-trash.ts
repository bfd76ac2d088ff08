import "server-only";
import { trashCutoff } from "@/lib/trash";
import { db } from "@/server/db/client";
import { deletePhotoRows } from "./delete-photo-rows";

// Rows per transaction: one long sweep never holds many locks or one huge job payload.
const BATCH = 200;

/**
 * The sweep's step: deletes for good every photo that has been in the trash longer than TRASH_DAYS,
 * with its files (a job per batch). Safe on several servers at once (SKIP LOCKED). Returns how many.
 */
export async function purgeExpiredTrash(now: Date = new Date()): Promise<number> {
  const deletedBefore = trashCutoff(now);
  let total = 0;
  for (;;) {
    const n = await db().$transaction((tx) => deletePhotoRows(tx, { deletedBefore, limit: BATCH }));
    total += n;
    if (n < BATCH) return total;
  }
}
