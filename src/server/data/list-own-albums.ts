import "server-only";
import type { CurrentUser } from "@/server/auth/current-user";
import type { Visibility } from "@/lib/access";
import { dbFor } from "@/server/db/client";

export interface AlbumOption {
  id: string;
  title: string;
  isDefault: boolean;
  visibility: Visibility;
}

/** The viewer's albums, default album first, then newest. */
export async function listOwnAlbums(viewer: CurrentUser): Promise<AlbumOption[]> {
  return dbFor(viewer).album.findMany({
    where: { ownerId: viewer.id },
    orderBy: [{ isDefault: "desc" }, { createdAt: "desc" }],
    select: { id: true, title: true, isDefault: true, visibility: true },
    take: 500,
  });
}
