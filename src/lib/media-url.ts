// Media URLs carry the photo's access version: narrowing access bumps it, so URLs a CDN or a
// browser kept from before stop resolving.
export function mediaBase(photoId: string, accessVersion: number): string {
  return `/media/${photoId}/${accessVersion}`;
}

/** A display variant: the media route serves the nearest width the photo has. */
export function variantUrl(photoId: string, accessVersion: number, width: number): string {
  return `${mediaBase(photoId, accessVersion)}/w${width}.webp`;
}

export function originalUrl(photoId: string, accessVersion: number): string {
  return `${mediaBase(photoId, accessVersion)}/original`;
}

/**
 * A media base that a share link opens (`…?s=<token>`): the media route checks the link instead of
 * the visitor's session. The image loader keeps the query after the variant's file name.
 */
export function sharedMediaBase(photoId: string, accessVersion: number, token: string): string {
  return `${mediaBase(photoId, accessVersion)}?s=${encodeURIComponent(token)}`;
}
