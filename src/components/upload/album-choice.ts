import type { Visibility } from "@/lib/access";

/** An album the uploader may put photos into (plain data, passed from the server page). */
export interface AlbumChoice {
  id: string;
  title: string;
  isDefault: boolean;
  visibility: Visibility;
}

/** The album new uploads go into: the person's pick if it still exists, else their default album. */
export function resolveTargetAlbum(albums: readonly AlbumChoice[], picked: string | null): string | null {
  if (picked && albums.some((a) => a.id === picked)) return picked;
  return (albums.find((a) => a.isDefault) ?? albums[0])?.id ?? null;
}
