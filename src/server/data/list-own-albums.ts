import "server-only";
import { mediaBase } from "@/lib/media-url";
import type { CurrentUser } from "@/server/auth/current-user";
import { dbFor } from "@/server/db/client";

export interface AlbumOption {
  id: string;
  title: string;
  isDefault: boolean;
  /** `/media/<id>/<version>` of the album's cover (the chosen one, else its first ready photo). */
  coverMediaBase: string | null;
}

const shown = { status: "READY", deletedAt: null } as const;

/** The viewer's albums, default album first, then newest. */
export async function listOwnAlbums(viewer: CurrentUser): Promise<AlbumOption[]> {
  const rows = await dbFor(viewer).album.findMany({
    where: { ownerId: viewer.id },
    orderBy: [{ isDefault: "desc" }, { createdAt: "desc" }],
    select: {
      id: true,
      title: true,
      isDefault: true,
      coverPhoto: { select: { id: true, mediaSecret: true, albumId: true, status: true, deletedAt: true } },
      photos: {
        where: shown,
        orderBy: [{ position: "asc" }, { id: "asc" }],
        take: 1,
        select: { id: true, mediaSecret: true },
      },
    },
    take: 500,
  });
  return rows.map(({ coverPhoto, photos, ...album }) => {
    // A chosen cover counts only while it is a ready photo of this album (move-photos clears others).
    const chosen =
      coverPhoto && coverPhoto.albumId === album.id && coverPhoto.status === "READY" && !coverPhoto.deletedAt
        ? coverPhoto
        : null;
    const cover = chosen ?? photos[0] ?? null;
    return { ...album, coverMediaBase: cover ? mediaBase(cover.id, cover.mediaSecret) : null };
  });
}
