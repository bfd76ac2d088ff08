import "server-only";
import type { Viewer } from "./viewer";

// Who may see a collection. It has no visibility of its own: each viewer sees the albums in it that
// they may see as albums (visibleAlbumWhere / visibleAlbumSql), and a collection showing them none
// is not found for them (its existence is never confirmed). Its owner always sees it whole.
export function mayViewCollection(
  viewer: Viewer,
  collection: { ownerId: string },
  visibleAlbumCount: number,
): boolean {
  return viewer?.id === collection.ownerId || visibleAlbumCount > 0;
}
