import "server-only";
import { readFile } from "node:fs/promises";
import decodeHeic from "heic-decode";
import sharp, { type Metadata } from "sharp";
import { AppError } from "@/server/errors/app-error";
import { damagedFile } from "./damaged";
import { heifDecodeSize } from "./heif-size";
import type { ImageKind } from "./sniff";

export interface ImageProbe {
  /** As displayed: EXIF orientation 5–8 swaps the stored width and height. */
  width: number;
  height: number;
  /** Frames of an animated GIF or WebP; 1 for everything else (only the first frame is decoded). */
  frames: number;
  /** EXIF orientation 1–8, when the file has one. */
  orientation?: number;
  /**
   * HEIC and AVIF: the pixels the decoder really produces (a grid's tiles, alpha planes), which the
   * header's size does not bound.
   */
  decodedPixels?: number;
}

/** Reads the image's header only (no pixels), so it is safe to call before any size check. */
export async function probeImage(input: string | Buffer, kind: ImageKind): Promise<ImageProbe> {
  if (kind === "heic" || kind === "avif") {
    const buffer = typeof input === "string" ? await readFile(input) : input;
    const decodedPixels = heifDecodedPixels(buffer);
    return { ...(await probeHeader(buffer, kind)), decodedPixels };
  }
  return probeHeader(input, kind);
}

async function probeHeader(input: string | Buffer, kind: ImageKind): Promise<ImageProbe> {
  let metadata: Metadata;
  try {
    // The pixel limit is ours to apply with a plain-words message; sharp's would refuse the header read.
    metadata = await sharp(input, { limitInputPixels: false }).metadata();
  } catch (error) {
    if (kind === "heic") return probeHeicContainer(input, error);
    throw damagedFile(error);
  }
  const { width, height, orientation } = metadata;
  if (width === undefined || height === undefined) throw damagedFile(new Error("no dimensions in header"));
  const swap = orientation !== undefined && orientation >= 5 && orientation <= 8;
  const animatable = kind === "gif" || kind === "webp";
  return {
    width: swap ? height : width,
    height: swap ? width : height,
    frames: animatable ? Math.max(1, metadata.pages ?? 1) : 1,
    ...(orientation !== undefined && orientation >= 1 && orientation <= 8 ? { orientation } : {}),
  };
}

// libvips parses the HEIF container even without an HEVC decoder; this is for containers it rejects.
async function probeHeicContainer(input: string | Buffer, sharpError: unknown): Promise<ImageProbe> {
  try {
    const buffer = typeof input === "string" ? await readFile(input) : input;
    const images = await decodeHeic.all({ buffer });
    try {
      const primary = images[0];
      if (!primary) throw new Error("no image in the HEIF container");
      return { width: primary.width, height: primary.height, frames: 1 };
    } finally {
      images.dispose();
    }
  } catch (error) {
    throw damagedFile(new AggregateError([sharpError, error], "neither libvips nor libheif read the header"));
  }
}

// The header (`ispe`) is the primary item's claim; a grid of tiles may decode to far more.
function heifDecodedPixels(buffer: Buffer): number {
  try {
    return heifDecodeSize(buffer).pixels;
  } catch (error) {
    // A container we cannot size is not decoded: its real size is exactly what is unknown.
    throw damagedFile(error);
  }
}

/**
 * Refuses an image before decoding when width × height × frames, or the pixels its container says a
 * decoder will produce, exceed `maxPixels`.
 */
export function assertWithinLimits(probe: ImageProbe, maxPixels: number): void {
  const { width, height, frames, decodedPixels = 0 } = probe;
  if (width < 1 || height < 1 || frames < 1) throw new AppError("unprocessable", "the image has no pixels");
  if (decodedPixels > maxPixels && decodedPixels > width * height) {
    throw new AppError(
      "payload_too_large",
      `too large: its header says ${width} × ${height} pixels but it decodes to ` +
        `${megapixels(decodedPixels)} megapixels, the limit is ${megapixels(maxPixels)} megapixels`,
    );
  }
  if (width * height * frames <= maxPixels) return;
  const size = `${width} × ${height} pixels`;
  const what = frames > 1 ? `${frames} frames of ${size}` : size;
  throw new AppError(
    "payload_too_large",
    `too large: ${what}, the limit is ${megapixels(maxPixels)} megapixels`,
  );
}

function megapixels(pixels: number): string {
  return String(Number((pixels / 1_000_000).toFixed(1)));
}
