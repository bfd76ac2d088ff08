import type { Visibility } from "@/lib/access";
import { formatBytes, formatMegabytes } from "./format-bytes";
import { randomId } from "./random-id";
import { titleFromFileName } from "./title-from-file-name";
import type { UploadItem } from "./upload-item";

export function newUploadItem(
  file: File,
  maxBytes: number,
  albumId: string | null,
  visibility: Visibility | null = null,
): UploadItem {
  // Only for instant feedback: the server checks the size (and the type) again.
  const tooLarge = file.size > maxBytes;
  return {
    id: randomId(),
    file,
    status: tooLarge ? "failed" : "queued",
    sent: 0,
    error: tooLarge ? tooLargeMessage(file.size, maxBytes) : null,
    retryable: !tooLarge,
    photo: null,
    duplicate: false,
    visibility,
    details: {
      draft: {
        title: titleFromFileName(file.name),
        description: "",
        tags: "",
        albumId: albumId ?? "",
        license: "",
      },
      dirty: false,
      save: "idle",
      result: {},
    },
  };
}

// Worded like the server's 413 (whole megabytes), unless a limit that isn't a whole number of
// megabytes would round to the same figure as the file.
function tooLargeMessage(size: number, limit: number): string {
  let [shown, shownLimit] = [formatMegabytes(size), formatMegabytes(limit)];
  if (shown === shownLimit) [shown, shownLimit] = [formatBytes(size), formatBytes(limit)];
  return `too large: ${shown}, the limit is ${shownLimit}`;
}
