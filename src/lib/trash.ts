// How long a deleted photo waits in the trash before the sweep deletes it for good. Client-safe: the
// trash page says when each photo goes.
export const TRASH_DAYS = 30;
const DAY_MS = 86_400_000;

/** When a photo put in the trash at `deletedAt` is deleted for good. */
export function purgeDate(deletedAt: Date): Date {
  return new Date(deletedAt.getTime() + TRASH_DAYS * DAY_MS);
}

/** The moment before which trashed photos are due for deletion. */
export function trashCutoff(now: Date = new Date()): Date {
  return new Date(now.getTime() - TRASH_DAYS * DAY_MS);
}
