import type { UploadedPhoto } from "@/lib/upload-api";
import { parseJson, readErrorMessage, readPhoto } from "./read-api-body";

/** GET /api/uploads/<id>: where the photo's processing has got to. */
export async function fetchUploadStatus(photoId: string, signal: AbortSignal): Promise<UploadedPhoto> {
  const response = await fetch(`/api/uploads/${encodeURIComponent(photoId)}`, {
    cache: "no-store",
    headers: { accept: "application/json" },
    signal,
  });
  const body = parseJson(await response.text());
  if (!response.ok) {
    throw new Error(readErrorMessage(body) ?? `the server answered with error ${response.status}`);
  }
  const photo = readPhoto(body);
  if (!photo) throw new Error("the server sent an answer Pinhole didn't understand");
  return photo;
}
