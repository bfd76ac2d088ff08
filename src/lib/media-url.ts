// Media URLs carry the photo's media secret: random, and replaced whenever access narrows, so a URL
// cannot be derived from the photo's id, and URLs a CDN or a browser kept from before stop resolving.
export function mediaBase(photoId: string, mediaSecret: string): string {
  return `/media/${photoId}/${mediaSecret}`;
}

/** A display variant: the media route serves the nearest width the photo has. */
export function variantUrl(photoId: string, mediaSecret: string, width: number): string {
  return `${mediaBase(photoId, mediaSecret)}/w${width}.webp`;
}

export function originalUrl(photoId: string, mediaSecret: string): string {
  return `${mediaBase(photoId, mediaSecret)}/original`;
}

/**
 * A media base that a share link opens (`…?s=<token>`): the media route checks the link instead of
 * the visitor's session. The image loader keeps the query after the variant's file name.
 */
export function sharedMediaBase(photoId: string, mediaSecret: string, token: string): string {
  return `${mediaBase(photoId, mediaSecret)}?s=${encodeURIComponent(token)}`;
}
