"use client";

import { useState, useSyncExternalStore, type ReactNode } from "react";
import { updatePhotoDetailsAction } from "@/server/actions/update-photo-details";
import { ProcessingWatcher } from "./processing-watcher";
import { UploadQueueContext } from "./upload-queue-context";
import { EMPTY_QUEUE, UploadQueueStore } from "./upload-queue-store";
import { useWarnBeforeUnload } from "./use-warn-before-unload";

export function UploadQueueProvider({ children }: { children: ReactNode }) {
  // Made once per tab; useState rather than a module constant so server renders share nothing.
  const [store] = useState(() => new UploadQueueStore(updatePhotoDetailsAction));
  const { items } = useSyncExternalStore(store.subscribe, store.getSnapshot, () => EMPTY_QUEUE);
  const busy = items.some((i) => i.status === "queued" || i.status === "uploading");
  useWarnBeforeUnload(busy);

  return (
    <UploadQueueContext value={store}>
      {children}
      {items.map((item) =>
        item.status === "processing" && item.photo ? (
          <ProcessingWatcher key={item.id} store={store} itemId={item.id} photoId={item.photo.id} />
        ) : null,
      )}
    </UploadQueueContext>
  );
}
