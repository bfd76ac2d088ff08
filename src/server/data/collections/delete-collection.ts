import "server-only";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { isUuid } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";

/** Deletes one of the viewer's collections; its albums (and their photos) stay as they are. */
export async function deleteCollection(viewer: NonNullable<Viewer>, id: string): Promise<void> {
  const { count } = isUuid(id)
    ? await db().collection.deleteMany({ where: { id, ownerId: viewer.id } })
    : { count: 0 };
  if (count === 0) throw new AppError("not_found", "No such collection");
}
