import "server-only";
import { db } from "@/server/db/client";
import type { Viewer } from "@/server/policy/viewer";

export interface CollectionDetails {
  title: string;
  description: string;
}

/** A new, empty collection of the viewer's own. */
export async function createCollection(
  viewer: NonNullable<Viewer>,
  details: CollectionDetails,
): Promise<{ id: string }> {
  return db().collection.create({
    data: { ownerId: viewer.id, title: details.title, description: details.description },
    select: { id: true },
  });
}
