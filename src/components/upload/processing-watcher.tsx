"use client";

import { useEffect } from "react";
import { useUploadStatus } from "./use-upload-status";
import type { UploadQueueStore } from "./upload-queue-store";

interface ProcessingWatcherProps {
  store: UploadQueueStore;
  itemId: string;
  photoId: string;
}

// Renders nothing: polls one photo's processing status and reports the outcome to the queue. It is
// mounted by the provider (not the page), so a photo finishes even while the person is elsewhere.
export function ProcessingWatcher({ store, itemId, photoId }: ProcessingWatcherProps) {
  const { data, error, isFetching } = useUploadStatus(photoId);

  useEffect(() => {
    if (data && data.status !== "PROCESSING") store.settleProcessing(itemId, data);
  }, [store, itemId, data]);

  useEffect(() => {
    // An error cached from an earlier attempt is refetched on mount; only a settled one counts.
    if (error && !isFetching) store.pollFailed(itemId, error.message);
  }, [store, itemId, error, isFetching]);

  return null;
}
