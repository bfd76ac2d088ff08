import "server-only";
import { crc32, inflateSync } from "node:zlib";
import { stripTiff } from "./strip-gps-jpeg";

// PNG, WebP and GIF without their location, losslessly: these formats keep metadata in chunks (or
// extension blocks) of their own, so whole chunks are left out or cleaned and the image data is
// copied as it is. Each returns null for a file it cannot walk with certainty; the caller then
// re-encodes.

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_TEXT_CHUNKS = new Set(["tEXt", "zTXt", "iTXt"]);
// The ancillary chunks that only describe the pixels (colour, transparency, density, animation, time).
const PNG_PIXEL_CHUNKS = new Set([
  ..."tRNS cHRM gAMA iCCP sBIT sRGB cICP mDCV cLLI bKGD hIST pHYs sPLT tIME acTL fcTL fdAT".split(" "),
]);
// A text chunk's text is read to decide whether it holds a location; more than this is not a caption.
const MAX_TEXT_BYTES = 4 << 20;
// Keywords that name a place or hold a metadata profile (ImageMagick writes EXIF as `exif:GPS…`
// keywords, and whole profiles as `Raw profile type exif|iptc|xmp`).
const LOCATION_KEYWORD =
  /gps|latitude|longitude|location|city|country|province|state|place|geo|raw profile|xmp/i;
// Text that is an XMP packet or names an EXIF GPS tag, whatever its keyword.
const LOCATION_TEXT =
  /<x:xmpmeta|<rdf:RDF|<\?xpacket|exif:GPS|\bGPS(Latitude|Longitude|Position|Altitude)\b/i;

/**
 * Cleans `eXIf` like a JPEG's EXIF (GPS out, the rest kept) and leaves out the text chunks that carry
 * a location: XMP (`XML:com.adobe.xmp`, or an XMP packet under any keyword, compressed or not), raw
 * EXIF/XMP/IPTC profiles, `exif:GPS…` and other place keywords. Other text (a title, an author) stays.
 * Unknown ancillary chunks are left out (a private chunk can hold anything); an unknown critical chunk
 * means a file this cannot vouch for. Nothing after IEND is kept.
 */
export function stripPngLocation(src: Buffer): Buffer | null {
  if (src.length < 8 || !src.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  const parts: Buffer[] = [PNG_SIGNATURE];
  let pos = 8;
  for (;;) {
    if (pos + 12 > src.length) return null;
    const length = src.readUInt32BE(pos);
    const type = src.toString("latin1", pos + 4, pos + 8);
    const end = pos + 12 + length;
    if (end > src.length) return null;
    const data = src.subarray(pos + 8, pos + 8 + length);
    const critical = (type.charCodeAt(0) & 0x20) === 0;
    if (critical) {
      if (!["IHDR", "PLTE", "IDAT", "IEND"].includes(type)) return null;
      parts.push(src.subarray(pos, end));
    } else if (type === "eXIf") {
      const exif = Buffer.from(data);
      // EXIF too damaged to walk is left out whole.
      if (stripTiff(exif)) parts.push(pngChunk(type, exif));
    } else if (PNG_TEXT_CHUNKS.has(type)) {
      if (!isLocationText(type, data)) parts.push(src.subarray(pos, end));
    } else if (PNG_PIXEL_CHUNKS.has(type)) {
      parts.push(src.subarray(pos, end));
    }
    pos = end;
    if (type === "IEND") return Buffer.concat(parts);
  }
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

// tEXt: keyword, NUL, latin-1 text. zTXt: keyword, NUL, method, deflated text. iTXt: keyword, NUL,
// compressed flag, method, language tag, NUL, translated keyword, NUL, text (deflated if flagged).
function isLocationText(type: string, data: Buffer): boolean {
  const nul = data.indexOf(0);
  if (nul < 0) return true; // malformed: nothing in it can be vouched for
  const keyword = data.toString("latin1", 0, nul);
  if (LOCATION_KEYWORD.test(keyword)) return true;
  const text = chunkText(type, data, nul);
  return text === null || LOCATION_TEXT.test(text);
}

function chunkText(type: string, data: Buffer, nul: number): string | null {
  try {
    if (type === "tEXt") return data.toString("latin1", nul + 1);
    if (type === "zTXt") return inflate(data.subarray(nul + 2)).toString("latin1");
    const compressed = data[nul + 1] === 1;
    const language = data.indexOf(0, nul + 3);
    const translated = language < 0 ? -1 : data.indexOf(0, language + 1);
    if (translated < 0) return null;
    const text = data.subarray(translated + 1);
    return (compressed ? inflate(text) : text).toString("utf8");
  } catch {
    // Text that does not inflate (or inflates past the bound) is left out: it cannot be read.
    return null;
  }
}

function inflate(data: Buffer): Buffer {
  return inflateSync(data, { maxOutputLength: MAX_TEXT_BYTES });
}

// VP8X flag bits (the first byte of its payload): EXIF and XMP chunks are present.
const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

// The chunks that only hold or describe the pixels: everything else (XMP, unknown chunks) is left out.
const WEBP_PIXEL_CHUNKS = new Set(["VP8 ", "VP8L", "VP8X", "ALPH", "ANIM", "ANMF", "ICCP"]);

/**
 * Cleans the `EXIF` chunk like a JPEG's EXIF (GPS out, the rest kept), leaves out `XMP ` and any
 * chunk that is not image data, keeps VP8X's flags true to what is left and fixes the RIFF size.
 */
export function stripWebpLocation(src: Buffer): Buffer | null {
  if (
    src.length < 12 ||
    src.toString("latin1", 0, 4) !== "RIFF" ||
    src.toString("latin1", 8, 12) !== "WEBP"
  ) {
    return null;
  }
  const riffEnd = 8 + src.readUInt32LE(4);
  if (riffEnd > src.length) return null;
  const parts: Buffer[] = [];
  let vp8x: Buffer | undefined;
  let keptExif = false;
  let pos = 12;
  while (pos < riffEnd) {
    if (pos + 8 > riffEnd) return null;
    const fourcc = src.toString("latin1", pos, pos + 4);
    const size = src.readUInt32LE(pos + 4);
    // Chunk payloads are padded to an even length.
    const end = pos + 8 + size + (size & 1);
    if (pos + 8 + size > riffEnd) return null;
    const chunk = src.subarray(pos, Math.min(end, riffEnd));
    if (fourcc === "VP8X") {
      if (size < 10 || vp8x) return null;
      vp8x = Buffer.from(chunk);
      parts.push(vp8x);
    } else if (fourcc === "EXIF" && !keptExif) {
      const exif = cleanWebpExif(src.subarray(pos + 8, pos + 8 + size));
      if (exif) {
        parts.push(webpChunk(fourcc, exif));
        keptExif = true;
      }
    } else if (WEBP_PIXEL_CHUNKS.has(fourcc)) {
      parts.push(chunk);
    }
    pos = end;
  }
  if (vp8x) vp8x[8] = (vp8x[8]! & ~(VP8X_EXIF | VP8X_XMP)) | (keptExif ? VP8X_EXIF : 0);
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(12);
  header.write("RIFF", 0, "latin1");
  header.writeUInt32LE(body.length + 4, 4);
  header.write("WEBP", 8, "latin1");
  return Buffer.concat([header, body]);
}

// The EXIF chunk is a TIFF structure; some writers put JPEG's "Exif\0\0" before it.
function cleanWebpExif(data: Buffer): Buffer | null {
  const copy = Buffer.from(data);
  const tiff = copy.toString("latin1", 0, 6) === "Exif\0\0" ? copy.subarray(6) : copy;
  return stripTiff(tiff) ? copy : null;
}

function webpChunk(fourcc: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(fourcc, 0, "latin1");
  head.writeUInt32LE(data.length, 4);
  return Buffer.concat([head, data, Buffer.alloc(data.length & 1)]);
}

// The application extensions that only say how to play or colour the frames (looping, the ICC
// profile); any other (XMP's "XMP DataXMP" first among them) is metadata and left out.
const GIF_PIXEL_APPS = new Set(["NETSCAPE2.0", "ANIMEXTS1.0", "ICCRGBG1012"]);

/**
 * Leaves out every application extension but looping and the colour profile: XMP and any vendor's
 * block. Comments stay (the owner's text), as in a JPEG.
 */
export function stripGifLocation(src: Buffer): Buffer | null {
  const signature = src.toString("latin1", 0, 6);
  if (src.length < 13 || (signature !== "GIF87a" && signature !== "GIF89a")) return null;
  const flags = src[10]!;
  let pos = 13 + (flags & 0x80 ? 3 * 2 ** ((flags & 0x07) + 1) : 0);
  const parts: Buffer[] = [src.subarray(0, pos)];
  for (;;) {
    if (pos >= src.length) return null;
    const introducer = src[pos]!;
    if (introducer === 0x3b) {
      parts.push(src.subarray(pos, pos + 1));
      return Buffer.concat(parts);
    }
    const start = pos;
    let isMetadata = false;
    if (introducer === 0x21) {
      if (pos + 2 > src.length) return null;
      const label = src[pos + 1]!;
      pos += 2;
      isMetadata =
        label === 0xff && !(src[pos] === 11 && GIF_PIXEL_APPS.has(src.toString("latin1", pos + 1, pos + 12)));
    } else if (introducer === 0x2c) {
      if (pos + 10 > src.length) return null;
      const local = src[pos + 9]!;
      // Image descriptor, local colour table, LZW minimum code size; then data sub-blocks.
      pos += 10 + (local & 0x80 ? 3 * 2 ** ((local & 0x07) + 1) : 0) + 1;
    } else {
      return null;
    }
    pos = skipSubBlocks(src, pos);
    if (pos < 0) return null;
    if (!isMetadata) parts.push(src.subarray(start, pos));
  }
}

// Sub-blocks: a length byte, that many bytes; a zero length ends them. Returns the offset after.
function skipSubBlocks(src: Buffer, from: number): number {
  let pos = from;
  for (;;) {
    if (pos >= src.length) return -1;
    const size = src[pos]!;
    pos += 1 + size;
    if (size === 0) return pos;
  }
}
