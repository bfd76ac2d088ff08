import "server-only";

// PNG, WebP and GIF without their location, losslessly: these formats keep metadata in chunks (or
// extension blocks) of their own, so whole chunks are left out and the image data is copied as it
// is. Each returns null for a file it cannot walk with certainty; the caller then re-encodes.

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_TEXT_CHUNKS = new Set(["tEXt", "zTXt", "iTXt"]);

/**
 * Leaves out `eXIf` (EXIF, GPS included) and the text chunks that carry XMP (`XML:com.adobe.xmp`) or a
 * raw EXIF/XMP/IPTC profile as ImageMagick writes them (`Raw profile type …`). Other text (a title,
 * an author) stays. Nothing after IEND is kept.
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
    if (!isLocationChunk(type, src.subarray(pos + 8, pos + 8 + length))) parts.push(src.subarray(pos, end));
    pos = end;
    if (type === "IEND") return Buffer.concat(parts);
  }
}

function isLocationChunk(type: string, data: Buffer): boolean {
  if (type === "eXIf") return true;
  if (!PNG_TEXT_CHUNKS.has(type)) return false;
  const nul = data.indexOf(0);
  const keyword = data.toString("latin1", 0, nul < 0 ? Math.min(data.length, 80) : nul);
  return keyword === "XML:com.adobe.xmp" || keyword.startsWith("Raw profile type");
}

// VP8X flag bits (the first byte of its payload): EXIF and XMP chunks are present.
const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

/** Leaves out the `EXIF` and `XMP ` chunks, clears their VP8X flags and fixes the RIFF size. */
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
      if (size < 10) return null;
      const copy = Buffer.from(chunk);
      copy[8] = copy[8]! & ~(VP8X_EXIF | VP8X_XMP);
      parts.push(copy);
    } else if (fourcc !== "EXIF" && fourcc !== "XMP ") {
      parts.push(chunk);
    }
    pos = end;
  }
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(12);
  header.write("RIFF", 0, "latin1");
  header.writeUInt32LE(body.length + 4, 4);
  header.write("WEBP", 8, "latin1");
  return Buffer.concat([header, body]);
}

const GIF_XMP_APP = "XMP DataXMP";

/** Leaves out the XMP application extension (the only place a GIF can carry a location). */
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
    let isXmp = false;
    if (introducer === 0x21) {
      if (pos + 2 > src.length) return null;
      const label = src[pos + 1]!;
      pos += 2;
      isXmp = label === 0xff && src[pos] === 11 && src.toString("latin1", pos + 1, pos + 12) === GIF_XMP_APP;
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
    if (!isXmp) parts.push(src.subarray(start, pos));
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
