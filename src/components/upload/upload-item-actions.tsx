"use client";

import { buttonClasses } from "@/components/ui/button-styles";
import { useUploadQueue } from "./upload-queue-context";
import type { UploadItem } from "./upload-item";

// Cancel while a file waits or travels; Retry once it failed or was cancelled. Each button is
// described by the file name, so a screen reader says which file it acts on.
export function UploadItemActions({ item, nameId }: { item: UploadItem; nameId: string }) {
  const queue = useUploadQueue();
  const canCancel = item.status === "queued" || item.status === "uploading";
  const canRetry = item.status === "cancelled" || (item.status === "failed" && item.retryable);

  if (canCancel) {
    return (
      <button
        type="button"
        onClick={() => queue.cancel(item.id)}
        aria-describedby={nameId}
        data-testid="upload-cancel"
        className={buttonClasses("secondary", "sm")}
      >
        Cancel
      </button>
    );
  }
  if (canRetry) {
    return (
      <button
        type="button"
        onClick={() => queue.retry(item.id)}
        aria-describedby={nameId}
        data-testid="upload-retry"
        className={buttonClasses("secondary", "sm")}
      >
        Retry
      </button>
    );
  }
  return null;
}
