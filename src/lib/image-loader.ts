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
// anything else (icons, data: URLs) is served as it is.
export default function imageLoader({ src, width }: ImageLoaderProps): string {
  if (!src.startsWith("/media/")) return src;
  return `${src}/w${mediaWidthFor(width)}.webp`;
}
