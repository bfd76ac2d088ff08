/** Kinds that decode images: memory- and CPU-hungry, so a worker runs only a couple at once. */
export const IMAGE_TASKS = ["process-photo"] as const;
/** Everything else, run alongside the image jobs; `sweep` and `prune` come from the crontab. */
export const OTHER_TASKS = ["delete-photo-files", "send-mail", "sweep", "prune"] as const;
export const ALL_TASKS = [...IMAGE_TASKS, ...OTHER_TASKS] as const;
export type TaskName = (typeof ALL_TASKS)[number];
