import "server-only";
import sharp, { type Sharp } from "sharp";
import { damagedFile } from "./damaged";
import { decodeHeicOffThread } from "./heic-decode-worker";
import { rgbaToTiff } from "./rgba-tiff";

export interface DecodedImage {
  /** A sharp pipeline over the decoded, upright pixels. */
  image: Sharp;
  width: number;
  height: number;
}

/**
 * Decodes the primary image of a HEIC with libheif in WebAssembly (sharp's prebuilt libvips has no HEVC
 * decoder). libheif applies the container's rotation and mirroring, so the result is already upright
 * and EXIF orientation must not be applied again. The decode runs on a worker thread: it is
 * synchronous WebAssembly (about 0.8 s for a 12 MP iPhone photo here) and would stall the server.
 */
export async function decodeHeic(buffer: Buffer, maxPixels: number): Promise<DecodedImage> {
  let decoded: Awaited<ReturnType<typeof decodeHeicOffThread>>;
  let icc: Buffer | undefined;
  try {
    icc = (await sharp(buffer, { limitInputPixels: false }).metadata()).icc;
  } catch {
    // A container libvips cannot read has no profile we could use; libheif may still decode it.
  }
  try {
    decoded = await decodeHeicOffThread(buffer);
  } catch (error) {
    throw damagedFile(error);
  }
  const { width, height, data } = decoded;
  const rgba = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const options = { limitInputPixels: maxPixels };
  const image = icc
    ? sharp(rgbaToTiff(width, height, rgba, icc), options)
    : sharp(rgba, { ...options, raw: { width, height, channels: 4 } });
  return { image: isOpaque(rgba) ? image.removeAlpha() : image, width, height };
}

// libheif always hands back RGBA; an alpha plane that is all 255 would only slow the WebP encoder down.
function isOpaque(rgba: Uint8Array): boolean {
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 255) return false;
  return true;
}
