// The JSON shapes of the upload endpoints, shared by the route handlers and the upload page.

export type PhotoStatusName = "PROCESSING" | "READY" | "FAILED";

export interface UploadedPhoto {
  id: string;
  title: string;
  status: PhotoStatusName;
  /** Why processing failed, in plain words (only when status is FAILED). */
  failureReason: string | null;
  albumId: string;
  /** Pass to next/image as `src` (with the custom loader) once status is READY. */
  mediaBase: string;
  width: number | null;
  height: number | null;
  /** A tiny data: URL placeholder (thumbhash) once READY. */
  placeholder: string | null;
}

/** POST /api/uploads → 201 (new) or 200 (the same bytes or Idempotency-Key again). */
export interface UploadResponse {
  photo: UploadedPhoto;
  /** True when this upload matched an existing photo (same bytes or same Idempotency-Key). */
  duplicate: boolean;
}

/** GET /api/uploads/<id> → 200 */
export interface UploadStatusResponse {
  photo: UploadedPhoto;
}

/** Every error response: `{ error: { code, message } }`; `message` is plain words for people. */
export interface ApiErrorBody {
  error: { code: string; message: string };
}

export const UPLOAD_FILENAME_HEADER = "x-upload-filename";
export const IDEMPOTENCY_HEADER = "idempotency-key";
