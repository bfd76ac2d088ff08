import { Spinner } from "@/components/ui/spinner";
import { formatBytes } from "./format-bytes";
import type { UploadItem } from "./upload-item";

// One line saying where this file is, in plain words.
export function UploadItemStatus({ item }: { item: UploadItem }) {
  const total = formatBytes(item.file.size);
  switch (item.status) {
    case "queued":
      return <p className="text-sm text-muted">Waiting to upload · {total}</p>;
    case "uploading":
      return (
        <p className="text-sm text-muted">
          Uploading ·{" "}
          <span data-testid="upload-bytes">
            {formatBytes(item.sent)} of {total}
          </span>
        </p>
      );
    case "processing":
      return (
        <p className="flex items-center gap-1.5 text-sm text-muted">
          <Spinner className="size-3.5" />
          Processing…
        </p>
      );
    case "ready":
      return (
        <p className="text-sm text-muted">
          {item.duplicate ? "Already uploaded: you have this photo" : `Uploaded · ${total}`}
        </p>
      );
    case "failed":
      return (
        <p data-testid="upload-error" className="text-sm text-danger">
          {item.error ?? "The upload failed."}
        </p>
      );
    case "cancelled":
      return <p className="text-sm text-muted">Cancelled</p>;
  }
}
