import "server-only";
import { isPubliclyVisible, visiblePhotoWhere } from "@/server/policy/access";
import type { Prisma } from "@/generated/prisma/client";
import { mediaBase, originalUrl } from "@/lib/media-url";
import { db } from "@/server/db/client";
import { thumbhashToDataUrl } from "@/server/images/thumbhash";
import { checkAlbumAccess } from "@/server/policy/albums";
import { isUuid, originalCopyFor } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";

/** Camera facts from `photos.exif`, as far as they were recorded. Shown to everyone who sees the photo. */
export interface PhotoExifView {
  make?: string;
  model?: string;
  lens?: string;
  exposureTime?: string;
  fNumber?: number;
  iso?: number;
  focalLength?: number;
}

/** What only the photo's owner may read: never filled in for anyone else. */
export interface PhotoOwnerView {
  gps: { latitude: number; longitude: number } | null;
  originalName: string;
  failureReason: string | null;
  /** `/media/<id>/<version>/original`: the file as uploaded, to its owner alone. */
  originalUrl: string;
  /** Others may download the original (without its location). */
  allowOriginal: boolean;
  /** The album the photo is in, for the edit form (even the default album). */
  albumId: string;
  hiddenReason: string | null;
}

export interface PhotoView {
  id: string;
  title: string;
  description: string;
  tags: string[];
  /** The title, or "Photo by <name>". */
  alt: string;
  /** Null until processing has read the image. */
  width: number | null;
  height: number | null;
  mediaBase: string;
  placeholder: string | null;
  status: "PROCESSING" | "READY" | "FAILED";
  visibility: "PUBLIC" | "PRIVATE" | "SHARED";
  /** Anyone on the internet may see it (its own visibility or its album's). */
  isPublic: boolean;
  hidden: boolean;
  createdAt: Date;
  /** The camera's wall-clock time stored as UTC: format with `timeZone: "UTC"`. */
  takenAt: Date | null;
  exif: PhotoExifView | null;
  owner: { id: string; handle: string; displayName: string };
  /** A non-default album the viewer may open, for the link on the page; null otherwise. */
  album: { id: string; title: string } | null;
  /** Pre-generated widths, smallest first (the media route serves the nearest one). */
  variants: { width: number; height: number }[];
  isOwner: boolean;
  /**
   * The original this viewer may download, or null: as uploaded for the owner, without its location
   * for anyone else when the owner allows it (the media route decides the same way).
   */
  download: { url: string; withoutLocation: boolean } | null;
  ownerOnly: PhotoOwnerView | null;
}

const photoSelect = {
  id: true,
  ownerId: true,
  title: true,
  description: true,
  tags: true,
  width: true,
  height: true,
  thumbhash: true,
  accessVersion: true,
  status: true,
  failureReason: true,
  visibility: true,
  hiddenAt: true,
  hiddenReason: true,
  deletedAt: true,
  trashedAt: true,
  originalName: true,
  allowOriginal: true,
  createdAt: true,
  takenAt: true,
  exif: true,
  gpsLatitude: true,
  gpsLongitude: true,
  owner: { select: { id: true, handle: true, displayName: true } },
  album: { select: { id: true, title: true, isDefault: true, visibility: true } },
  variants: { select: { width: true, height: true }, orderBy: { width: "asc" } },
} satisfies Prisma.PhotoSelect;

/**
 * One photo as the viewer may see it, or null: "does not exist" and "not yours" are the same answer.
 * The query is scoped by `visiblePhotoWhere`, so an owner sees their processing, failed or hidden
 * photos and everyone else only what has been granted to them.
 */
export async function getPhoto(viewer: Viewer, id: string): Promise<PhotoView | null> {
  if (!isUuid(id)) return null;
  // The primary, for anonymous visitors too (DATABASE_REPLICA_URLS): this row decides who sees the
  // title and description, and a replica's lag would still show a photo made private a moment ago.
  const primary = db().$primary();
  const row = await primary.photo.findFirst({
    where: { id, ...visiblePhotoWhere(viewer) },
    select: photoSelect,
  });
  if (!row) return null;

  const isOwner = viewer?.id === row.ownerId;
  const copy = originalCopyFor(viewer, row);
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    tags: row.tags,
    alt: row.title.trim() || `Photo by ${row.owner.displayName}`,
    width: row.width,
    height: row.height,
    mediaBase: mediaBase(row.id, row.accessVersion),
    placeholder: row.thumbhash ? thumbhashToDataUrl(row.thumbhash) : null,
    status: row.status,
    visibility: row.visibility,
    isPublic: isPubliclyVisible(row),
    hidden: row.hiddenAt !== null,
    createdAt: row.createdAt,
    takenAt: row.takenAt,
    exif: readExif(row.exif),
    owner: row.owner,
    album: (await albumVisibleTo(viewer, row.album)) ? { id: row.album.id, title: row.album.title } : null,
    variants: row.variants,
    isOwner,
    download: copy
      ? { url: originalUrl(row.id, row.accessVersion), withoutLocation: copy === "without-location" }
      : null,
    // Location, file name and failure reason are the owner's: the original file keeps its EXIF.
    ownerOnly: isOwner
      ? {
          gps:
            row.gpsLatitude !== null && row.gpsLongitude !== null
              ? { latitude: row.gpsLatitude, longitude: row.gpsLongitude }
              : null,
          originalName: row.originalName,
          failureReason: row.failureReason,
          originalUrl: originalUrl(row.id, row.accessVersion),
          allowOriginal: row.allowOriginal,
          albumId: row.album.id,
          hiddenReason: row.hiddenReason,
        }
      : null,
  };
}

// Seeing a photo does not mean seeing its album: a public photo may sit in a private album whose
// title is nobody else's business (the album policy). The default album is the photostream: no link.
async function albumVisibleTo(viewer: Viewer, album: { id: string; isDefault: boolean }): Promise<boolean> {
  if (album.isDefault) return false;
  return (await checkAlbumAccess(viewer, [album.id])).has(album.id);
}

// `photos.exif` is JSON written by the processing job; read it defensively (old rows, hand edits).
export function readExif(value: Prisma.JsonValue): PhotoExifView | null {
  if (!isObject(value)) return null;
  const camera = isObject(value.camera) ? value.camera : {};
  const exposure = isObject(value.exposure) ? value.exposure : {};
  const view: PhotoExifView = {
    make: str(camera.make),
    model: str(camera.model),
    lens: str(value.lens),
    exposureTime: str(exposure.exposureTime),
    fNumber: num(exposure.fNumber),
    iso: num(exposure.iso),
    focalLength: num(exposure.focalLength),
  };
  const present = Object.fromEntries(
    Object.entries(view).filter(([, v]) => v !== undefined),
  ) as PhotoExifView;
  return Object.keys(present).length > 0 ? present : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : undefined;
}
