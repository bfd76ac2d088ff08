/** Kinds that decode images: memory- and CPU-hungry, so a worker runs only a couple at once. */
export const IMAGE_TASKS = ["process-photo", "make-shared-original"] as const;
/**
 * Everything else, run alongside the image jobs; `sweep` and `prune` come from the crontab,
 * `purge-media` from the photos triggers (migration 20261208000100_media_secrets).
 */
export const OTHER_TASKS = ["delete-photo-files", "purge-media", "send-mail", "sweep", "prune"] as const;
export const ALL_TASKS = [...IMAGE_TASKS, ...OTHER_TASKS] as const;
export type TaskName = (typeof ALL_TASKS)[number];
