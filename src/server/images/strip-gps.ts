import "server-only";
import sharp from "sharp";
import { decodeHeic } from "./decode-heic";
import { damagedFile } from "./damaged";
import { assertWithinLimits, probeImage } from "./probe";
import { type ImageKind, SNIFF_BYTES, sniffImage } from "./sniff";
import { stripGifLocation, stripPngLocation, stripWebpLocation } from "./strip-gps-chunks";
import { stripJpegLocation } from "./strip-gps-jpeg";

export interface OriginalWithoutLocation {
  data: Buffer;
  contentType: string;
  /**
   * True when the bytes are a full-resolution JPEG made from the original (HEIC, AVIF, or a file whose
   * structure could not be walked with certainty) rather than the original file minus its metadata.
   */
  reencoded: boolean;
}

const REENCODE_QUALITY = 92;
// A decode that runs this long is a hostile or broken file, not a photo.
const DECODE_TIMEOUT_SECONDS = 60;

/**
 * The original photo's bytes with its location removed, for anyone but its owner. JPEG, PNG, WebP
 * and GIF are edited losslessly: the image data is copied byte for byte and every metadata block that
 * can hold a location is parsed and cleaned or left out (EXIF GPS, IPTC place datasets, XMP under any
 * header, C2PA and GoPro blocks, PNG text chunks; see strip-gps-jpeg.ts and strip-gps-chunks.ts); the
 * rest of EXIF stays. HEIC, AVIF and anything that cannot be edited safely are re-encoded at full
 * resolution as a JPEG without any metadata (upright, colour profile kept), after the same pixel check
 * as an upload. The whole file is in memory: originals are capped by the upload limit.
 */
export async function stripLocation(
  original: Buffer,
  opts: { maxPixels: number },
): Promise<OriginalWithoutLocation> {
  const sniffed = sniffImage(original.subarray(0, SNIFF_BYTES));
  if (!sniffed.ok) throw damagedFile(new Error(`not an image (${sniffed.reason})`));
  const edited = editLosslessly(original, sniffed.kind);
  if (edited) return { data: edited, contentType: sniffed.mime, reencoded: false };
  // The original passed this check when uploaded, unless the limit or the check has changed since:
  // a re-encode is a full decode, on a request anyone may make.
  assertWithinLimits(await probeImage(original, sniffed.kind), opts.maxPixels);
  return {
    data: await reencode(original, sniffed.kind === "heic", opts.maxPixels),
    contentType: "image/jpeg",
    reencoded: true,
  };
}

function editLosslessly(original: Buffer, kind: ImageKind): Buffer | null {
  switch (kind) {
    case "jpeg":
      return stripJpegLocation(original);
    case "png":
      return stripPngLocation(original);
    case "webp":
      return stripWebpLocation(original);
    case "gif":
      return stripGifLocation(original);
    default:
      // HEIC and AVIF keep EXIF and XMP as items of an ISO-BMFF container whose offsets tie
      // everything together: a re-encode is the safe way to leave them out.
      return null;
  }
}

async function reencode(original: Buffer, heic: boolean, maxPixels: number): Promise<Buffer> {
  try {
    // libheif applies the container's rotation; libvips applies EXIF orientation with autoOrient.
    const image = heic
      ? (await decodeHeic(original, maxPixels)).image
      : sharp(original, { failOn: "error", limitInputPixels: maxPixels, autoOrient: true });
    // No withMetadata/keepExif: sharp writes no EXIF or XMP unless asked. The ICC profile is colour only.
    return await image
      .flatten({ background: "#ffffff" })
      .keepIccProfile()
      .jpeg({ quality: REENCODE_QUALITY, mozjpeg: false })
      .timeout({ seconds: DECODE_TIMEOUT_SECONDS })
      .toBuffer();
  } catch (error) {
    throw damagedFile(error);
  }
}
