import "server-only";
import { readFile } from "node:fs/promises";
import sharp, { type Sharp } from "sharp";
import { AppError } from "@/server/errors/app-error";
import { damagedFile } from "./damaged";
import { decodeHeic, type DecodedImage } from "./decode-heic";
import { readExif, type PhotoExif } from "./exif";
import { assertWithinLimits, probeImage } from "./probe";
import type { ImageKind } from "./sniff";
import { encodeThumbhash, THUMBHASH_MAX_SIZE } from "./thumbhash";
import { variantSizes, WEBP_OPTIONS, type VariantSize } from "./variants";
import { drawWatermark, WATERMARK_MIN_WIDTH, type Watermark } from "./watermark";

export interface ProcessedVariant {
  width: number;
  height: number;
  format: "webp";
  data: Buffer;
}

export interface ProcessedImage {
  /** The original's size, upright. */
  width: number;
  height: number;
  /** An animated GIF or WebP: the variants show its first frame. */
  animated: boolean;
  /** Smallest first: the thumbnail, then the display ladder up to min(width, 2048). */
  variants: ProcessedVariant[];
  /** Base64 ThumbHash bytes; `thumbhashToDataUrl` turns them into a placeholder. */
  thumbhash: string;
  exif: PhotoExif;
}

// Strict enough to refuse truncated and undecodable files, loose enough to keep the many real JPEGs
// with libjpeg warnings ("extraneous bytes before marker") that browsers show without complaint.
const FAIL_ON = "error";
// A decode that runs this long is a hostile or broken file, not a photo.
const DECODE_TIMEOUT_SECONDS = 60;

/**
 * Turns an upload into its WebP variants, ThumbHash and EXIF. The file is decoded once, to an upright
 * sRGB raw image at the largest variant's size, and every smaller variant is resized from that copy,
 * all encoding in parallel. Variants carry no metadata at all (no EXIF, GPS, XMP or ICC; pixels are
 * sRGB). Refuses images over `maxPixels` before decoding them.
 */
export async function processImage(
  input: string | Buffer,
  opts: { kind: ImageKind; maxPixels: number; watermark?: Watermark | null },
): Promise<ProcessedImage> {
  const probe = await probeImage(input, opts.kind);
  assertWithinLimits(probe, opts.maxPixels);
  const exif = readExif(input);

  const decoded = await openImage(input, opts.kind, opts.maxPixels, probe);
  const sizes = variantSizes(decoded.width, decoded.height);
  const largest = sizes[sizes.length - 1];
  if (!largest) throw new AppError("unprocessable", "the image has no pixels");
  const base = await renderBase(decoded.image, largest);

  const [variants, thumbhash] = await Promise.all([
    encodeVariants(base, sizes, opts.watermark ?? null),
    renderThumbhash(base),
  ]);
  return {
    width: decoded.width,
    height: decoded.height,
    animated: probe.frames > 1,
    variants,
    thumbhash,
    exif: await exif,
  };
}

interface RawImage {
  data: Buffer;
  raw: { width: number; height: number; channels: 1 | 2 | 3 | 4 };
}

async function openImage(
  input: string | Buffer,
  kind: ImageKind,
  maxPixels: number,
  probe: { width: number; height: number },
): Promise<DecodedImage> {
  if (kind === "heic")
    return decodeHeic(typeof input === "string" ? await readFile(input) : input, maxPixels);
  const image = sharp(input, {
    failOn: FAIL_ON,
    limitInputPixels: maxPixels,
    autoOrient: true,
    // Lets libvips stream a JPEG or PNG top to bottom through shrink-on-load instead of holding it whole.
    sequentialRead: true,
  });
  return { image, width: probe.width, height: probe.height };
}

// The single decode. Memory stays at about one largest-variant copy (2048 × 1536 × 3 ≈ 9 MB for a
// landscape photo) however large the original; HEIC is the exception, as libheif returns the full-size
// RGBA (about 70 MB at its peak for a 12 MP iPhone photo).
async function renderBase(image: Sharp, size: VariantSize): Promise<RawImage> {
  try {
    const { data, info } = await image
      .resize(size.width, size.height, { fit: "fill" })
      .toColourspace("srgb")
      .raw({ depth: "uchar" })
      .timeout({ seconds: DECODE_TIMEOUT_SECONDS })
      .toBuffer({ resolveWithObject: true });
    return { data, raw: { width: info.width, height: info.height, channels: info.channels } };
  } catch (error) {
    throw damagedFile(error);
  }
}

async function encodeVariants(
  base: RawImage,
  sizes: VariantSize[],
  watermark: Watermark | null,
): Promise<ProcessedVariant[]> {
  // Largest first, so the longest encode starts first and the two cores finish together.
  const jobs = [...sizes].reverse().map(async (size): Promise<ProcessedVariant> => {
    let pipeline = sharp(base.data, { raw: base.raw });
    if (size.width !== base.raw.width || size.height !== base.raw.height) {
      pipeline = pipeline.resize(size.width, size.height, { fit: "fill" });
    }
    // Drawn at each rung's own size (not scaled down from the largest), on display sizes only.
    if (watermark && size.width >= WATERMARK_MIN_WIDTH) {
      const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
      const raw = { width: info.width, height: info.height, channels: base.raw.channels };
      await drawWatermark(data, raw, watermark);
      pipeline = sharp(data, { raw });
    }
    const data = await pipeline.webp(WEBP_OPTIONS).toBuffer();
    return { ...size, format: "webp", data };
  });
  return (await Promise.all(jobs)).reverse();
}

async function renderThumbhash(base: RawImage): Promise<string> {
  const { data, info } = await sharp(base.data, { raw: base.raw })
    .resize(THUMBHASH_MAX_SIZE, THUMBHASH_MAX_SIZE, { fit: "inside" })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return encodeThumbhash(info.width, info.height, data);
}
