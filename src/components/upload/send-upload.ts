import type { Visibility } from "@/lib/access";
import { IDEMPOTENCY_HEADER, UPLOAD_FILENAME_HEADER, type UploadedPhoto } from "@/lib/upload-api";
import { parseJson, readErrorMessage, readPhoto } from "./read-api-body";

export type UploadOutcome =
  | { kind: "uploaded"; photo: UploadedPhoto; duplicate: boolean }
  | { kind: "failed"; message: string; retryable: boolean }
  | { kind: "aborted" };

export interface UploadRequest {
  file: File;
  idempotencyKey: string;
  albumId: string | null;
  /** Null: the server applies the uploader's default, limited by the album. */
  visibility?: Visibility | null;
  onProgress: (sentBytes: number) => void;
}

export interface UploadHandle {
  result: Promise<UploadOutcome>;
  abort: () => void;
}

// Resending these bytes gets the same answer, so the queue offers no Retry for them.
const FINAL_STATUSES = new Set([413, 415, 422]);

const CONNECTION_LOST =
  "The connection dropped before the upload finished. Check your connection, then retry.";

// XMLHttpRequest rather than fetch: only XHR reports upload progress. The body is the file itself
// (not multipart), so the server can stream it to storage without parsing a form.
export function sendUpload({
  file,
  idempotencyKey,
  albumId,
  visibility,
  onProgress,
}: UploadRequest): UploadHandle {
  const xhr = new XMLHttpRequest();
  const result = new Promise<UploadOutcome>((resolve) => {
    xhr.upload.onprogress = (event) => onProgress(Math.min(event.loaded, file.size));
    xhr.onload = () => resolve(readResponse(xhr.status, xhr.responseText));
    xhr.onerror = () => resolve({ kind: "failed", message: CONNECTION_LOST, retryable: true });
    xhr.ontimeout = () => resolve({ kind: "failed", message: CONNECTION_LOST, retryable: true });
    xhr.onabort = () => resolve({ kind: "aborted" });
  });

  const params = new URLSearchParams();
  if (albumId) params.set("album", albumId);
  if (visibility) params.set("visibility", visibility);
  const query = params.size > 0 ? `?${params}` : "";
  xhr.open("POST", `/api/uploads${query}`);
  xhr.setRequestHeader(UPLOAD_FILENAME_HEADER, encodeURIComponent(file.name));
  xhr.setRequestHeader(IDEMPOTENCY_HEADER, idempotencyKey);
  // The server sniffs the real type from the bytes; the browser's guess from the extension is no help.
  xhr.setRequestHeader("content-type", "application/octet-stream");
  xhr.setRequestHeader("accept", "application/json");
  xhr.send(file);

  return { result, abort: () => xhr.abort() };
}

function readResponse(status: number, text: string): UploadOutcome {
  const body = parseJson(text);
  if (status === 200 || status === 201) {
    const photo = readPhoto(body);
    if (photo) {
      const duplicate = typeof body === "object" && body !== null && "duplicate" in body && !!body.duplicate;
      return { kind: "uploaded", photo, duplicate };
    }
    return {
      kind: "failed",
      message: "The server sent an answer Pinhole didn't understand.",
      retryable: true,
    };
  }
  return {
    kind: "failed",
    message: readErrorMessage(body) ?? fallbackMessage(status),
    retryable: !FINAL_STATUSES.has(status),
  };
}

// Used only when an error response has no message of its own (e.g. from a proxy in front of Pinhole).
function fallbackMessage(status: number): string {
  switch (status) {
    case 401:
      return "You're signed out. Sign in again, then retry.";
    case 413:
      return "too large for the server";
    case 415:
      return "not an image";
    case 422:
      return "the file is damaged";
    case 429:
      return "Too many uploads at once. Wait a moment, then retry.";
    default:
      return status >= 500
        ? `The server had a problem (error ${status}). Retry in a moment.`
        : `The upload failed (error ${status}).`;
  }
}
