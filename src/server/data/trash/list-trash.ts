import "server-only";
import { purgeDate } from "@/lib/trash";
import { db } from "@/server/db/client";
import type { Viewer } from "@/server/policy/viewer";

export interface TrashedPhoto {
  id: string;
  title: string;
  thumbhash: string | null;
  width: number | null;
  height: number | null;
  albumTitle: string;
  deletedAt: Date;
  /** When the sweep deletes it for good. */
  purgeAt: Date;
}

const SHOWN = 500;

/** The viewer's own photos in the trash, most recently deleted first (the first SHOWN of them). */
export async function listTrash(
  viewer: NonNullable<Viewer>,
): Promise<{ photos: TrashedPhoto[]; total: number }> {
  // The primary: the page right after a delete or restore must show it.
  const primary = db().$primary();
  const where = { ownerId: viewer.id, deletedAt: { not: null } };
  const [rows, total] = await Promise.all([
    primary.photo.findMany({
      where,
      orderBy: [{ deletedAt: "desc" }, { id: "desc" }],
      take: SHOWN,
      select: {
        id: true,
        title: true,
        thumbhash: true,
        width: true,
        height: true,
        deletedAt: true,
        album: { select: { title: true } },
      },
    }),
    primary.photo.count({ where }),
  ]);
  const photos = rows.flatMap(({ deletedAt, album, ...photo }) =>
    deletedAt ? [{ ...photo, albumTitle: album.title, deletedAt, purgeAt: purgeDate(deletedAt) }] : [],
  );
  return { photos, total };
}
