"use client";

import { createContext, use, useSyncExternalStore } from "react";
import { EMPTY_QUEUE, type UploadQueueSnapshot, type UploadQueueStore } from "./upload-queue-store";

export const UploadQueueContext = createContext<UploadQueueStore | null>(null);

/** The queue's commands (add, cancel, retry, edit details…). */
export function useUploadQueue(): UploadQueueStore {
  const store = use(UploadQueueContext);
  if (!store) throw new Error("useUploadQueue must be used inside <Providers>");
  return store;
}

/** The queue's current items, re-rendering on every change. */
export function useUploadQueueState(): UploadQueueSnapshot {
  const store = useUploadQueue();
  return useSyncExternalStore(store.subscribe, store.getSnapshot, getServerSnapshot);
}

// The server never has uploads in progress.
function getServerSnapshot(): UploadQueueSnapshot {
  return EMPTY_QUEUE;
}
