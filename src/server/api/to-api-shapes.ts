import "server-only";
import type { z } from "zod";
import { licenseInfo } from "@/lib/licenses";
import type { PhotoCard, PhotoPage } from "@/lib/photo-card";
import type { UploadedPhoto } from "@/lib/upload-api";
import type { AlbumView } from "@/server/data/albums/get-album";
import type { PhotoView } from "@/server/data/get-photo";
import type { album, photoDetail, photoPage, photoSummary, uploadResult } from "./schemas";

// The data functions' shapes (shared with the pages) turned into the API's stable JSON. Nothing is
// added here that the data function did not already decide this caller may see.

export const downloadUrl = (photoId: string) => `/api/v1/photos/${photoId}/download`;

export function toApiPhotoSummary(card: PhotoCard): z.output<typeof photoSummary> {
  return {
    id: card.id,
    title: card.title,
    alt: card.alt,
    width: card.width,
    height: card.height,
    visibility: card.visibility,
    created_at: card.createdAt,
    owner: { handle: card.owner.handle, display_name: card.owner.displayName },
    thumbhash: card.thumbhash,
    download_url: downloadUrl(card.id),
  };
}

export function toApiPhotoPage(page: PhotoPage): z.output<typeof photoPage> {
  return { photos: page.photos.map(toApiPhotoSummary), next_cursor: page.nextCursor };
}

export function toApiPhoto(view: PhotoView): z.output<typeof photoDetail> {
  const info = licenseInfo(view.license);
  return {
    id: view.id,
    title: view.title,
    description: view.description,
    tags: view.tags,
    alt: view.alt,
    width: view.width,
    height: view.height,
    status: view.status,
    visibility: view.visibility,
    is_public: view.isPublic,
    created_at: view.createdAt.toISOString(),
    taken_at: view.takenAt?.toISOString() ?? null,
    owner: { handle: view.owner.handle, display_name: view.owner.displayName },
    album: view.album,
    variants: view.variants,
    license: { id: info.id, name: info.name, url: info.url },
    rights: view.rights
      ? { creator: view.rights.creator ?? null, copyright: view.rights.copyright ?? null }
      : null,
    is_owner: view.isOwner,
    original: view.download ? { without_location: view.download.withoutLocation } : null,
    download_url: downloadUrl(view.id),
    owner_only: view.ownerOnly
      ? {
          gps: view.ownerOnly.gps,
          original_name: view.ownerOnly.originalName,
          allow_original: view.ownerOnly.allowOriginal,
          album_id: view.ownerOnly.albumId,
          failure_reason: view.ownerOnly.failureReason,
        }
      : null,
  };
}

export function toApiUpload(photo: UploadedPhoto, duplicate: boolean): z.output<typeof uploadResult> {
  return {
    photo: {
      id: photo.id,
      title: photo.title,
      status: photo.status,
      album_id: photo.albumId,
      failure_reason: photo.failureReason,
    },
    duplicate,
  };
}

export function toApiAlbum(view: AlbumView): z.output<typeof album> {
  return {
    id: view.id,
    title: view.title,
    description: view.description,
    visibility: view.visibility,
    is_default: view.isDefault,
    owner: { handle: view.owner.handle, display_name: view.owner.displayName },
    photo_count: view.photoCount,
    cover_photo_id: view.coverPhotoId,
    updated_at: view.updatedAt,
  };
}
