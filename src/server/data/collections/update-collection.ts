import "server-only";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { isUuid } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";
import type { CollectionDetails } from "./create-collection";

/** Renames and re-describes one of the viewer's collections; another user's matches nothing. */
export async function updateCollection(
  viewer: NonNullable<Viewer>,
  id: string,
  details: CollectionDetails,
): Promise<void> {
  const { count } = isUuid(id)
    ? await db().collection.updateMany({
        where: { id, ownerId: viewer.id },
        data: { title: details.title, description: details.description },
      })
    : { count: 0 };
  if (count === 0) throw new AppError("not_found", "No such collection");
}
