import "server-only";
import { buffer } from "node:stream/consumers";
import type { Prisma } from "@/generated/prisma/client";
import { env } from "@/env";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { processImage } from "@/server/images/process-image";
import type { SniffResult } from "@/server/images/sniff";
import { VARIANT_LADDER } from "@/server/images/variants";
import { variantKey } from "@/server/storage/keys";
import { storage } from "@/server/storage/storage";

type ImageKind = Extract<SniffResult, { ok: true }>["kind"];

const KIND_BY_MIME: Record<string, ImageKind> = {
  "image/jpeg": "jpeg",
  "image/png": "png",
  "image/webp": "webp",
  "image/avif": "avif",
  "image/gif": "gif",
  "image/heic": "heic",
  "image/heif": "heic",
};

/**
 * Makes a photo's derivatives from its original and marks it ready. Idempotent: a re-run (after a
 * crash or a retry) rewrites the same keys and upserts the same rows. `newMediaVersion` (after the
 * owner's watermark changed) bumps the media URLs' version once the new variants are written, so no
 * browser or CDN keeps showing the old ones under the new URL.
 */
export async function processPhoto(
  photoId: string,
  options: { newMediaVersion?: boolean } = {},
): Promise<void> {
  const photo = await db()
    .$primary()
    .photo.findUnique({
      where: { id: photoId },
      select: {
        id: true,
        ownerId: true,
        originalKey: true,
        mimeType: true,
        deletedAt: true,
        album: { select: { id: true, isDefault: true } },
        owner: { select: { watermarkText: true, watermarkCorner: true, watermarkOpacity: true } },
      },
    });
  if (!photo || photo.deletedAt) return;
  const { watermarkText, watermarkCorner, watermarkOpacity } = photo.owner;
  const watermark = watermarkText
    ? { text: watermarkText, corner: watermarkCorner, opacity: watermarkOpacity }
    : null;
  const kind = KIND_BY_MIME[photo.mimeType];
  if (!kind) throw new AppError("unprocessable", "not an image");

  const original = await storage().get(photo.originalKey);
  if (!original) throw new AppError("unprocessable", "the original file is missing");
  const bytes = await buffer(original.body);

  const result = await processImage(bytes, { kind, maxPixels: env().UPLOAD_MAX_PIXELS, watermark });
  const albumId = photo.album.isDefault ? null : photo.album.id;
  // All rungs at once: each put waits on its own fsync, so doing them together saves most of that time.
  const written = await Promise.all(
    result.variants.map(async (v) => {
      const key = variantKey({ ownerId: photo.ownerId, albumId, photoId, width: v.width, format: v.format });
      await storage().put(key, v.data, { contentType: `image/${v.format}` });
      return { width: v.width, height: v.height, format: v.format, key, byteSize: v.data.length };
    }),
  );

  const { gps, takenAt, ...exif } = result.exif;
  await db().$transaction([
    ...written.map((v) =>
      db().photoVariant.upsert({
        where: { photoId_width_format: { photoId, width: v.width, format: v.format } },
        create: { photoId, ...v },
        update: { height: v.height, key: v.key, byteSize: v.byteSize },
      }),
    ),
    db().photo.update({
      where: { id: photoId },
      data: {
        status: "READY",
        failureReason: null,
        width: result.width,
        height: result.height,
        animated: result.animated,
        thumbhash: result.thumbhash,
        exif: exif as Prisma.InputJsonValue,
        takenAt: takenAt ?? null,
        gpsLatitude: gps?.latitude ?? null,
        gpsLongitude: gps?.longitude ?? null,
        ...(options.newMediaVersion && { accessVersion: { increment: 1 } }),
      },
    }),
  ]);
}

/**
 * The compensating step when processing fails for good: the photo is marked failed with the reason
 * its owner will read, and every derivative written so far is removed. A damaged original goes too.
 */
export async function failPhoto(photoId: string, reason: string, removeOriginal: boolean): Promise<void> {
  const photo = await db()
    .$primary()
    .photo.findUnique({
      where: { id: photoId },
      select: {
        ownerId: true,
        originalKey: true,
        album: { select: { id: true, isDefault: true } },
        variants: { select: { key: true } },
      },
    });
  if (!photo) return;
  await db().$transaction([
    db().photoVariant.deleteMany({ where: { photoId } }),
    db().photo.update({ where: { id: photoId }, data: { status: "FAILED", failureReason: reason } }),
  ]);
  // Every key a run could have written, recorded or not: a crash may have come between the two.
  const albumId = photo.album.isDefault ? null : photo.album.id;
  const keys = new Set(photo.variants.map((v) => v.key));
  for (const width of VARIANT_LADDER) {
    keys.add(variantKey({ ownerId: photo.ownerId, albumId, photoId, width, format: "webp" }));
  }
  if (removeOriginal) keys.add(photo.originalKey);
  await Promise.all([...keys].map((k) => storage().delete(k)));
}
