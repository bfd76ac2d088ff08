"use client";

import { buttonClasses } from "@/components/ui/button-styles";
import { EmptyState } from "@/components/ui/empty-state";
import { PhotoIcon } from "@/components/ui/photo-icon";
import type { AlbumChoice } from "./album-choice";
import { summarizeQueue } from "./summarize-queue";
import { UploadItemRow } from "./upload-item-row";
import { useUploadQueue, useUploadQueueState } from "./upload-queue-context";

export function UploadQueueList({ albums }: { albums: readonly AlbumChoice[] }) {
  const queue = useUploadQueue();
  const { items } = useUploadQueueState();
  const hasFinished = items.some(
    (i) => i.status === "ready" || i.status === "failed" || i.status === "cancelled",
  );

  return (
    <section aria-labelledby="upload-queue-heading" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
        <div>
          <h2 id="upload-queue-heading" className="text-lg font-semibold text-foreground">
            Your uploads
          </h2>
          {/* Always in the page, so screen readers announce the count as it changes. */}
          <p role="status" data-testid="upload-summary" className="text-sm text-muted">
            {summarizeQueue(items)}
          </p>
        </div>
        {hasFinished ? (
          <button
            type="button"
            onClick={() => queue.clearFinished()}
            className={buttonClasses("ghost", "sm")}
            data-testid="upload-clear-finished"
          >
            Clear finished
          </button>
        ) : null}
      </div>

      {items.length === 0 ? (
        <div data-testid="upload-empty">
          <EmptyState as="h3" icon={<PhotoIcon />} title="Nothing uploading yet">
            <p>
              Photos you choose appear here with their progress. You can keep browsing Pinhole while they
              upload.
            </p>
          </EmptyState>
        </div>
      ) : (
        <ul className="flex flex-col gap-4">
          {items.map((item) => (
            <UploadItemRow key={item.id} item={item} albums={albums} />
          ))}
        </ul>
      )}
    </section>
  );
}
