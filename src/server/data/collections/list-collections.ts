import "server-only";
import { db } from "@/server/db/client";
import type { Viewer } from "@/server/policy/viewer";

export interface CollectionSummary {
  id: string;
  title: string;
  albumCount: number;
}

/** The viewer's own collections, newest first. */
export async function listCollections(viewer: NonNullable<Viewer>): Promise<CollectionSummary[]> {
  const rows = await db().collection.findMany({
    where: { ownerId: viewer.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, title: true, _count: { select: { albums: true } } },
    take: 200,
  });
  return rows.map((r) => ({ id: r.id, title: r.title, albumCount: r._count.albums }));
}
