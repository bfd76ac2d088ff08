import type { FormState, PhotoDetailsField } from "@/lib/form-state";
import type { License } from "@/lib/licenses";
import type { Visibility } from "@/lib/access";
import type { UploadedPhoto } from "@/lib/upload-api";

export type UploadStatus = "queued" | "uploading" | "processing" | "ready" | "failed" | "cancelled";

export interface PhotoDetailsDraft {
  title: string;
  description: string;
  /** Free text, comma or space separated, as the details action takes it. */
  tags: string;
  /** "" when the person has no albums to choose from. */
  albumId: string;
  /** "": the person's default license, which the photo already has. */
  license: License | "";
}

export interface DetailsState {
  draft: PhotoDetailsDraft;
  /** Edited since the last successful save (or since the file was added). */
  dirty: boolean;
  /** "waiting": Save was pressed before the photo had an id; it runs when the id arrives. */
  save: "idle" | "waiting" | "saving" | "saved" | "error";
  result: FormState<PhotoDetailsField>;
}

/** One file in the queue. Items are immutable: every change replaces the object. */
export interface UploadItem {
  /** Random per item; also the upload's Idempotency-Key, so a retry can never make a second photo. */
  id: string;
  file: File;
  status: UploadStatus;
  /** Bytes the browser has sent so far. */
  sent: number;
  error: string | null;
  /** False when sending the same bytes again cannot help (too large, not an image, damaged). */
  retryable: boolean;
  photo: UploadedPhoto | null;
  /** The server already had these bytes; `photo` is the existing one. */
  duplicate: boolean;
  details: DetailsState;
  /** Chosen on the upload page; null: the server applies the default and the album's limit. */
  visibility: Visibility | null;
}
