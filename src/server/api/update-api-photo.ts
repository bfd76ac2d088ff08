import "server-only";
import type { z } from "zod";
import { photoDetailsSchema } from "@/lib/schemas/photo";
import { db } from "@/server/db/client";
import { updatePhotoDetails } from "@/server/data/update-photo-details";
import { AppError } from "@/server/errors/app-error";
import { isUuid } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";
import type { photoUpdate } from "./schemas";

/**
 * The API's partial edit: the fields not sent keep their values, and the whole is checked by the
 * same schema as the photo page's form, then saved by the same data function (owner-scoped there).
 */
export async function updateApiPhoto(
  viewer: NonNullable<Viewer>,
  photoId: string,
  changes: z.output<typeof photoUpdate>,
): Promise<void> {
  const current = isUuid(photoId)
    ? await db()
        .$primary()
        .photo.findFirst({
          where: { id: photoId, ownerId: viewer.id, deletedAt: null },
          select: { title: true, description: true, tags: true, albumId: true },
        })
    : null;
  if (!current) throw new AppError("not_found", "No such photo");
  const parsed = photoDetailsSchema.safeParse({
    photoId,
    title: changes.title ?? current.title,
    description: changes.description ?? current.description,
    // Commas separate tags in the form's one field; a tag itself never holds one.
    tags: (changes.tags ?? current.tags).map((t) => t.replace(/,/g, " ")).join(","),
    albumId: changes.album_id ?? current.albumId,
    allowOriginal: changes.allow_original === undefined ? undefined : changes.allow_original ? "on" : "off",
    license: changes.license,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      "bad_request",
      `body ${String(issue?.path[0] ?? "")}: ${issue?.message ?? "not valid"}`,
    );
  }
  await updatePhotoDetails(viewer, parsed.data);
}
