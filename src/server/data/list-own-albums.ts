import "server-only";
import type { Visibility } from "@/lib/access";
import { mediaBase } from "@/lib/media-url";
import type { CurrentUser } from "@/server/auth/current-user";
import { dbFor } from "@/server/db/client";

export interface AlbumOption {
  id: string;
  title: string;
  isDefault: boolean;
  visibility: Visibility;
  /** `/media/<id>/<secret>` of the album's cover (the chosen one, else its first ready photo). */
  coverMediaBase: string | null;
}

const shown = { status: "READY", deletedAt: null, trashedAt: null } as const;

/** The viewer's albums, default album first, then newest. */
export async function listOwnAlbums(viewer: CurrentUser): Promise<AlbumOption[]> {
  const rows = await dbFor(viewer).album.findMany({
    where: { ownerId: viewer.id },
    orderBy: [{ isDefault: "desc" }, { createdAt: "desc" }],
    select: {
      id: true,
      title: true,
      isDefault: true,
      visibility: true,
      coverPhoto: { select: { id: true, mediaSecret: true, status: true, deletedAt: true, trashedAt: true } },
      members: {
        where: { photo: shown },
        orderBy: [{ position: "asc" }, { photoId: "asc" }],
        take: 1,
        select: { photo: { select: { id: true, mediaSecret: true } } },
      },
    },
    take: 500,
  });
  return rows.map(({ coverPhoto, members, ...album }) => {
    // A chosen cover counts only while it is a ready photo (moving it out of the album clears it).
    const chosen =
      coverPhoto && coverPhoto.status === "READY" && !coverPhoto.deletedAt && !coverPhoto.trashedAt
        ? coverPhoto
        : null;
    const cover = chosen ?? members[0]?.photo ?? null;
    return { ...album, coverMediaBase: cover ? mediaBase(cover.id, cover.mediaSecret) : null };
  });
}
