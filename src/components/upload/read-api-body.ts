import type { UploadedPhoto } from "@/lib/upload-api";

// Narrowing for JSON from the upload endpoints: a malformed answer becomes a plain error message
// instead of a crash deep inside the queue.

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

export function readPhoto(body: unknown): UploadedPhoto | null {
  if (!isRecord(body) || !isRecord(body.photo)) return null;
  const photo = body.photo;
  const valid =
    typeof photo.id === "string" &&
    (photo.status === "PROCESSING" || photo.status === "READY" || photo.status === "FAILED") &&
    typeof photo.mediaBase === "string" &&
    typeof photo.title === "string";
  return valid ? (photo as unknown as UploadedPhoto) : null;
}

/** `error.message` of an `{ error: { code, message } }` body, if that is what it is. */
export function readErrorMessage(body: unknown): string | null {
  if (!isRecord(body) || !isRecord(body.error)) return null;
  const message = body.error.message;
  return typeof message === "string" && message.trim() !== "" ? message : null;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON (a proxy's HTML error page, an empty body): callers fall back to the HTTP status.
    return null;
  }
}
