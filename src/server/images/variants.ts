// No `import "server-only"` here on purpose: next.config.ts (image sizes) and the media route read these
// numbers, and this file holds nothing but them.

/** The grid's smallest tile and the placeholder-sized preview. */
export const THUMBNAIL_WIDTH = 50;

/**
 * Display widths. Justified-grid rows are 180–320 px high, so a tile is roughly 240–500 px wide (and
 * twice that on a 2× screen); the photo page goes up to 2048. Flickr's ladder less its squares.
 */
export const DISPLAY_WIDTHS = [240, 320, 500, 640, 800, 1024, 1600, 2048] as const;

/** Every width a photo can have, smallest first. */
export const VARIANT_LADDER = [THUMBNAIL_WIDTH, ...DISPLAY_WIDTHS] as const;

export const MAX_DISPLAY_WIDTH = 2048;

/** WebP cannot be taller (or wider) than this. */
export const MAX_VARIANT_HEIGHT = 16383;

/**
 * Encoder settings for every variant. effort 2 is about twice as fast as libwebp's default 4 for files
 * about 4 % larger at the same PSNR; quality 80 keeps the 2048 rung clean on photo detail.
 */
export const WEBP_OPTIONS = { quality: 80, effort: 2 } as const;

export interface VariantSize {
  width: number;
  height: number;
}

/**
 * The variant sizes for an upright image of `width` × `height`, smallest first. Never upscales: the
 * rungs narrower than the photo, then one display size of min(width, 2048); the thumbnail is 50 px wide
 * unless the photo itself is narrower. Very tall images are capped at WebP's 16383 px height.
 */
export function variantSizes(width: number, height: number): VariantSize[] {
  if (width < 1 || height < 1) return [];
  const top = Math.min(width, MAX_DISPLAY_WIDTH);
  const widths = [Math.min(THUMBNAIL_WIDTH, width), ...DISPLAY_WIDTHS.filter((w) => w < top), top];
  const sizes: VariantSize[] = [];
  for (const w of widths) {
    const size = scaleTo(width, height, w);
    if (!sizes.some((s) => s.width === size.width)) sizes.push(size);
  }
  return sizes;
}

function scaleTo(width: number, height: number, targetWidth: number): VariantSize {
  const scaledHeight = Math.max(1, Math.round((height * targetWidth) / width));
  if (scaledHeight <= MAX_VARIANT_HEIGHT) return { width: targetWidth, height: scaledHeight };
  return {
    width: Math.max(1, Math.round((width * MAX_VARIANT_HEIGHT) / height)),
    height: MAX_VARIANT_HEIGHT,
  };
}
