import type { AlbumChoice } from "./album-choice";
import { PhotoDetailsForm } from "./photo-details-form";
import { UploadItemActions } from "./upload-item-actions";
import { UploadItemStatus } from "./upload-item-status";
import { UploadProgressBar } from "./upload-progress-bar";
import { UploadThumbnail } from "./upload-thumbnail";
import type { UploadItem } from "./upload-item";

export function UploadItemRow({ item, albums }: { item: UploadItem; albums: readonly AlbumChoice[] }) {
  const nameId = `upload-${item.id}-name`;
  const showProgress = ["queued", "uploading", "processing"].includes(item.status);
  // No form for a file that never became a photo (or whose photo could not be processed); its
  // draft is kept in the queue and comes back with Retry.
  const editable = showProgress || item.status === "ready";

  return (
    <li
      data-testid="upload-item"
      data-status={item.status}
      className="rounded-2xl border border-border bg-surface p-4 sm:p-5"
    >
      <div className="flex gap-4">
        <UploadThumbnail item={item} />
        <div className="flex min-w-0 flex-1 flex-col gap-2">
          <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-2">
            {/* bdi: a name with right-to-left override characters can't reorder the text around it. */}
            <p
              id={nameId}
              title={item.file.name}
              data-testid="upload-file-name"
              className="line-clamp-2 min-w-0 flex-1 basis-40 font-medium wrap-anywhere text-foreground"
            >
              <bdi>{item.file.name}</bdi>
            </p>
            <UploadItemActions item={item} nameId={nameId} />
          </div>
          <UploadItemStatus item={item} />
          {showProgress ? (
            <UploadProgressBar sent={item.sent} total={item.file.size} fileName={item.file.name} />
          ) : null}
        </div>
      </div>
      {editable ? <PhotoDetailsForm item={item} albums={albums} /> : null}
    </li>
  );
}
