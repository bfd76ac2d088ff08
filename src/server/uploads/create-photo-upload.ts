import "server-only";
import type { Viewer } from "@/server/policy/viewer";
import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { Prisma } from "@/generated/prisma/client";
import { env } from "@/env";
import type { UploadedPhoto } from "@/lib/upload-api";
import { IDEMPOTENCY_HEADER, UPLOAD_FILENAME_HEADER } from "@/lib/upload-api";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { assertWithinLimits, probeImage } from "@/server/images/probe";
import { sniffImage } from "@/server/images/sniff";
import { enqueueJob } from "@/server/jobs/enqueue";
import { metrics } from "@/server/metrics/registry";
import { isUuid } from "@/server/policy/photos";
import { originalKey } from "@/server/storage/keys";
import { storage } from "@/server/storage/storage";
import { cleanFileName, titleFromFileName } from "./file-name";
import { receiveUpload } from "./receive-upload";
import { toUploadedPhoto, uploadedPhotoSelect } from "./to-uploaded-photo";

export interface UploadResult {
  photo: UploadedPhoto;
  /** The same bytes, or the same Idempotency-Key, gave back an existing photo. */
  duplicate: boolean;
}

const REJECTED: Record<string, string> = {
  svg: "not an image we accept: SVG files can carry scripts. Upload a JPEG, PNG, WebP, AVIF, GIF or HEIC",
  html: "not an image: this file is a web page",
  empty: "the file is empty",
  unknown: "not an image",
};

/**
 * Receives one photo. The bytes stream to storage under a generated key; the photo (status
 * PROCESSING) and its processing job commit in one transaction, so a crash at any point leaves
 * either a whole photo with its job or nothing (a half-written file is removed by the sweep).
 */
export async function createPhotoUpload(
  viewer: NonNullable<Viewer>,
  request: Request,
): Promise<UploadResult> {
  const config = env();
  const idempotencyKey = readIdempotencyKey(request);
  if (idempotencyKey) {
    const existing = await findOwnPhoto(viewer.id, { idempotencyKey });
    if (existing) return { photo: existing, duplicate: true };
  }
  const album = await targetAlbum(viewer.id, new URL(request.url).searchParams.get("album"));
  const fileName = cleanFileName(request.headers.get(UPLOAD_FILENAME_HEADER));

  const received = await receiveUpload(request, config.UPLOAD_MAX_BYTES);
  try {
    const type = sniffImage(received.head);
    if (!type.ok) throw new AppError("unsupported_media_type", REJECTED[type.reason] ?? "not an image");
    assertWithinLimits(await probeImage(received.path, type.kind), config.UPLOAD_MAX_PIXELS);

    const same = await findOwnPhoto(viewer.id, { sha256: received.sha256 });
    if (same) return { photo: same, duplicate: true };

    const photoId = randomUUID();
    const key = originalKey({
      ownerId: viewer.id,
      albumId: album.isDefault ? null : album.id,
      photoId,
      ext: type.ext,
    });
    // Recorded before the bytes land, so a crash between the write and the commit is cleaned up.
    const intent = await db().uploadIntent.create({
      data: { ownerId: viewer.id, key },
      select: { id: true },
    });
    await storage().put(key, createReadStream(received.path), {
      contentType: type.mime,
      signal: request.signal,
    });

    try {
      const photo = await db().$transaction(async (tx) => {
        const created = await tx.photo.create({
          data: {
            id: photoId,
            ownerId: viewer.id,
            albumId: album.id,
            title: titleFromFileName(fileName),
            originalName: fileName,
            originalKey: key,
            mimeType: type.mime,
            byteSize: received.size,
            sha256: received.sha256,
            idempotencyKey,
          },
          select: uploadedPhotoSelect,
        });
        await enqueueJob(tx, { kind: "process-photo", photoId, ownerId: viewer.id });
        await tx.uploadIntent.delete({ where: { id: intent.id } });
        return created;
      });
      metrics().uploads.inc();
      metrics().uploadBytes.inc(received.size);
      return { photo: toUploadedPhoto(photo), duplicate: false };
    } catch (error) {
      // Lost a race with the same bytes or key uploaded at the same moment: keep theirs, drop ours.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        await storage().delete(key);
        await db()
          .uploadIntent.delete({ where: { id: intent.id } })
          .catch(() => undefined);
        const winner =
          (idempotencyKey && (await findOwnPhoto(viewer.id, { idempotencyKey }))) ||
          (await findOwnPhoto(viewer.id, { sha256: received.sha256 }));
        if (winner) return { photo: winner, duplicate: true };
      }
      throw error;
    }
  } finally {
    await received.remove();
  }
}

function readIdempotencyKey(request: Request): string | null {
  const value = request.headers.get(IDEMPOTENCY_HEADER)?.trim();
  if (!value) return null;
  if (value.length > 200 || !/^[\x21-\x7e]+$/.test(value)) {
    throw new AppError("bad_request", "Idempotency-Key must be up to 200 visible ASCII characters");
  }
  return value;
}

/** The album named in `?album=` (the viewer's own only), else the viewer's default album. */
async function targetAlbum(ownerId: string, albumId: string | null) {
  if (albumId !== null && !isUuid(albumId)) throw new AppError("not_found", "No such album");
  const album = await db()
    .$primary()
    .album.findFirst({
      where: albumId ? { id: albumId, ownerId } : { ownerId, isDefault: true },
      select: { id: true, isDefault: true },
    });
  if (!album) throw new AppError("not_found", "No such album");
  return album;
}

async function findOwnPhoto(ownerId: string, where: { idempotencyKey: string } | { sha256: string }) {
  const row = await db()
    .$primary()
    .photo.findFirst({
      where: { ownerId, deletedAt: null, ...where },
      select: uploadedPhotoSelect,
    });
  return row ? toUploadedPhoto(row) : null;
}
