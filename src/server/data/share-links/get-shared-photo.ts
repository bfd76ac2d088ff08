import "server-only";
import { linkedPhotoWhere } from "@/server/policy/access";
import { sharedMediaBase } from "@/lib/media-url";
import { db } from "@/server/db/client";
import { thumbhashToDataUrl } from "@/server/images/thumbhash";
import { isUuid } from "@/server/policy/photos";
import { type ShareLinkGrant } from "@/server/policy/share-links";
import { readExif, type PhotoExifView } from "../get-photo";

/**
 * A photo as a share link shows it: what the photo page shows everyone, and nothing of the owner's
 * own (no location, file name, storage key or email, no links into the owner's other content).
 */
export interface SharedPhotoView {
  id: string;
  title: string;
  description: string;
  tags: string[];
  alt: string;
  width: number;
  height: number;
  /** `/media/<id>/<version>?s=<token>`: the media route checks the link, not a session. */
  mediaBase: string;
  placeholder: string | null;
  createdAt: Date;
  /** The camera's wall-clock time stored as UTC: format with `timeZone: "UTC"`. */
  takenAt: Date | null;
  exif: PhotoExifView | null;
  ownerName: string;
}

/** The photo if the link covers it (see linkedPhotoWhere), else null. */
export async function getSharedPhoto(link: ShareLinkGrant, photoId: string): Promise<SharedPhotoView | null> {
  if (!isUuid(photoId)) return null;
  // The primary: a replica's lag would still show a photo hidden, deleted or moved out of the album.
  const primary = db().$primary();
  const row = await primary.photo.findFirst({
    where: { AND: [{ id: photoId }, linkedPhotoWhere(link)] },
    select: {
      id: true,
      title: true,
      description: true,
      tags: true,
      width: true,
      height: true,
      thumbhash: true,
      accessVersion: true,
      createdAt: true,
      takenAt: true,
      exif: true,
      owner: { select: { displayName: true } },
    },
  });
  // Ready photos always have their size; one without is not showable.
  if (!row || !row.width || !row.height) return null;
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    tags: row.tags,
    alt: row.title.trim() || `Photo by ${row.owner.displayName}`,
    width: row.width,
    height: row.height,
    mediaBase: sharedMediaBase(row.id, row.accessVersion, link.token),
    placeholder: row.thumbhash ? thumbhashToDataUrl(row.thumbhash) : null,
    createdAt: row.createdAt,
    takenAt: row.takenAt,
    exif: readExif(row.exif),
    ownerName: row.owner.displayName,
  };
}
