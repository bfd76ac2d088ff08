import "server-only";
import type { UploadedPhoto } from "@/lib/upload-api";
import { mediaBase } from "@/lib/media-url";
import { thumbhashToDataUrl } from "@/server/images/thumbhash";

export interface UploadedPhotoRow {
  id: string;
  title: string;
  status: "PROCESSING" | "READY" | "FAILED";
  failureReason: string | null;
  albumId: string;
  mediaSecret: string;
  width: number | null;
  height: number | null;
  thumbhash: string | null;
}

export const uploadedPhotoSelect = {
  id: true,
  title: true,
  status: true,
  failureReason: true,
  albumId: true,
  mediaSecret: true,
  width: true,
  height: true,
  thumbhash: true,
} as const;

export function toUploadedPhoto(row: UploadedPhotoRow): UploadedPhoto {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    failureReason: row.status === "FAILED" ? row.failureReason : null,
    albumId: row.albumId,
    mediaBase: mediaBase(row.id, row.mediaSecret),
    width: row.width,
    height: row.height,
    placeholder: row.thumbhash ? thumbhashToDataUrl(row.thumbhash) : null,
  };
}
