// Photo URLs with their browsing context: `?in=album:<id>` keeps previous/next (and Esc) within the
// album the visitor came from; without it they follow the owner's photostream.
export function photoHref(photoId: string, albumId: string | null = null): string {
  return albumId ? `/photos/${photoId}?in=album:${albumId}` : `/photos/${photoId}`;
}

/** Where Esc on the full page leads: the album, or the owner's photostream. */
export function photoBackHref(ownerHandle: string, albumId: string | null): string {
  return albumId ? `/albums/${albumId}` : `/people/${encodeURIComponent(ownerHandle)}`;
}
