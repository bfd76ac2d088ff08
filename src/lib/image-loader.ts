import type { ImageLoaderProps } from "next/image";

// The widths the media route renders for every photo. Asking for one of these (rather than the exact
// width next/image wants) keeps every request on a variant that already exists.
const MEDIA_WIDTHS = [50, 240, 320, 500, 640, 800, 1024, 1600, 2048] as const;
const LARGEST = MEDIA_WIDTHS[MEDIA_WIDTHS.length - 1] ?? 2048;

/** The smallest media width at least `width` wide, or the largest there is. */
export function mediaWidthFor(width: number): number {
  return MEDIA_WIDTHS.find((rung) => rung >= width) ?? LARGEST;
}

// next/image's custom loader (images.loaderFile in next.config.ts). Only media paths have variants;
// anything else (icons, data: URLs) is served as it is. A query (a share link's `?s=<token>`) stays
// on the end: `/media/<id>/<v>?s=x` becomes `/media/<id>/<v>/w640.webp?s=x`.
export default function imageLoader({ src, width }: ImageLoaderProps): string {
  if (!src.startsWith("/media/")) return src;
  const q = src.indexOf("?");
  const path = q < 0 ? src : src.slice(0, q);
  const query = q < 0 ? "" : src.slice(q);
  return `${path}/w${mediaWidthFor(width)}.webp${query}`;
}
