import "server-only";

// A JPEG without its location, losslessly: the entropy-coded image data is copied byte for byte; only
// metadata segments change. Returns null for anything this cannot walk with certainty, so the caller
// falls back to a re-encode rather than serve something it did not check.

const TAG_GPS_IFD = 0x8825;
const TAG_EXIF_IFD = 0x8769;
// XMP may be embedded in the TIFF structure too (tag 700), and XMP may carry exif:GPSLatitude.
const TAG_XMP_PACKET = 0x02bc;
const REMOVED_TAGS = new Set([TAG_GPS_IFD, TAG_XMP_PACKET]);

const EXIF_ID = Buffer.from("Exif\0\0", "latin1");
const XMP_IDS = [
  Buffer.from("http://ns.adobe.com/xap/1.0/\0", "latin1"),
  Buffer.from("http://ns.adobe.com/xmp/extension/\0", "latin1"),
];
const PHOTOSHOP_ID = Buffer.from("Photoshop 3.0\0", "latin1");
const MPF_ID = Buffer.from("MPF\0", "latin1");
const PHOTOSHOP_XMP_RESOURCE = 0x0424;

const APP1 = 0xe1;
const APP2 = 0xe2;
const APP13 = 0xed;
const SOS = 0xda;
const EOI = 0xd9;

/**
 * The JPEG with its GPS IFD unlinked and blanked (every EXIF IFD is checked), XMP segments and
 * Photoshop XMP resources dropped, and the rest of EXIF intact. A multi-picture file (MPF) loses its
 * extra pictures (depth or gain maps, a second view): their index counts bytes the edit moves and
 * their own metadata may carry a location; the primary picture is unchanged. Null when unsure.
 */
export function stripJpegLocation(src: Buffer): Buffer | null {
  if (src.length < 4 || src[0] !== 0xff || src[1] !== 0xd8) return null;
  const parts: Buffer[] = [src.subarray(0, 2)];
  let pos = 2;
  for (;;) {
    // Fill bytes (0xFF) may pad before any marker.
    while (src[pos] === 0xff && src[pos + 1] === 0xff) pos++;
    if (pos + 2 > src.length || src[pos] !== 0xff) return null;
    const marker = src[pos + 1]!;
    if (marker === EOI) {
      parts.push(src.subarray(pos, pos + 2));
      // Anything after the end of the primary picture (MPF pictures, vendor trailers) is left out.
      return Buffer.concat(parts);
    }
    // Markers without a length: restart markers and TEM.
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      parts.push(src.subarray(pos, pos + 2));
      pos += 2;
      continue;
    }
    if (pos + 4 > src.length) return null;
    const length = src.readUInt16BE(pos + 2);
    const end = pos + 2 + length;
    if (length < 2 || end > src.length) return null;
    const segment = src.subarray(pos, end);
    const payload = src.subarray(pos + 4, end);

    if (marker === APP1 && startsWith(payload, EXIF_ID)) {
      const copy = Buffer.from(segment);
      // EXIF too damaged to walk is left out whole: nothing in it can be vouched for.
      if (stripTiff(copy.subarray(4 + EXIF_ID.length))) parts.push(copy);
    } else if (marker === APP1 && XMP_IDS.some((id) => startsWith(payload, id))) {
      // dropped
    } else if (marker === APP2 && startsWith(payload, MPF_ID)) {
      // dropped: it indexes the pictures after EOI, which are left out
    } else if (marker === APP13 && startsWith(payload, PHOTOSHOP_ID)) {
      const rebuilt = withoutPhotoshopXmp(payload);
      if (!rebuilt) return null;
      if (rebuilt.length + 2 > 0xffff) return null;
      const header = Buffer.from([0xff, APP13, 0, 0]);
      header.writeUInt16BE(rebuilt.length + 2, 2);
      parts.push(header, rebuilt);
    } else {
      parts.push(segment);
    }
    pos = end;

    if (marker === SOS) {
      // Entropy-coded data runs to the next marker that is neither a stuffed 0xFF00 nor a restart.
      const scanEnd = nextMarker(src, pos);
      // A truncated file ends inside its image data: nothing after it to check, keep what there is.
      if (scanEnd < 0) return Buffer.concat([...parts, src.subarray(pos)]);
      parts.push(src.subarray(pos, scanEnd));
      pos = scanEnd;
    }
  }
}

// The next real marker (0xC0–0xFE, restarts aside): a stuffed 0xFF00, fill bytes and the invalid
// "markers" a damaged scan may hold are image data.
function nextMarker(src: Buffer, from: number): number {
  for (let i = src.indexOf(0xff, from); i >= 0 && i + 1 < src.length; i = src.indexOf(0xff, i + 1)) {
    const next = src[i + 1]!;
    if (next >= 0xc0 && next !== 0xff && !(next >= 0xd0 && next <= 0xd7)) return i;
  }
  return -1;
}

// Photoshop's image resource blocks: "8BIM", id (2), a Pascal name padded to even, size (4), data
// padded to even. Resource 0x0424 is a copy of the XMP packet.
function withoutPhotoshopXmp(payload: Buffer): Buffer | null {
  const kept: Buffer[] = [payload.subarray(0, PHOTOSHOP_ID.length)];
  let pos = PHOTOSHOP_ID.length;
  while (pos < payload.length) {
    if (pos + 7 > payload.length || payload.toString("latin1", pos, pos + 4) !== "8BIM") return null;
    const id = payload.readUInt16BE(pos + 4);
    const nameLength = payload[pos + 6]!;
    const sizeAt = pos + 6 + ((nameLength + 2) & ~1);
    if (sizeAt + 4 > payload.length) return null;
    const size = payload.readUInt32BE(sizeAt);
    const dataEnd = sizeAt + 4 + size;
    if (dataEnd > payload.length) return null;
    // Data is padded to an even length; some writers leave the last pad byte out.
    const end = Math.min(dataEnd + (size & 1), payload.length);
    if (id !== PHOTOSHOP_XMP_RESOURCE) kept.push(payload.subarray(pos, end));
    pos = end;
  }
  return Buffer.concat(kept);
}

const TYPE_SIZES: Record<number, number> = {
  1: 1,
  2: 1,
  3: 2,
  4: 4,
  5: 8,
  6: 1,
  7: 1,
  8: 2,
  9: 4,
  10: 8,
  11: 4,
  12: 8,
  13: 4,
};

/**
 * Edits a TIFF structure (EXIF's body) in place: in IFD0, IFD1 and the Exif IFD, the GPS IFD pointer
 * and any XMP packet tag are removed from the directory (later entries move up; the count drops), and
 * the GPS IFD with its values is zeroed. Offsets elsewhere are absolute, so nothing else moves.
 * False when the structure does not hold together.
 */
export function stripTiff(tiff: Buffer): boolean {
  if (tiff.length < 8) return false;
  const order = tiff.toString("latin1", 0, 2);
  if (order !== "II" && order !== "MM") return false;
  const le = order === "II";
  const u16 = (at: number) => (le ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (le ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const putU16 = (at: number, v: number) => (le ? tiff.writeUInt16LE(v, at) : tiff.writeUInt16BE(v, at));
  if (u16(2) !== 42) return false;

  const ifdFits = (offset: number) =>
    offset >= 8 && offset + 2 <= tiff.length && offset + 2 + 12 * u16(offset) + 4 <= tiff.length;

  // Zeroes the value of an entry stored outside the directory (values of 4 bytes or less sit inside).
  const blankValue = (entry: number) => {
    const size = (TYPE_SIZES[u16(entry + 2)] ?? 0) * u32(entry + 4);
    const valueAt = u32(entry + 8);
    if (size > 4 && valueAt + size <= tiff.length) tiff.fill(0, valueAt, valueAt + size);
  };

  // Zeroes an IFD's entry table and every value stored outside it.
  const blankIfd = (offset: number) => {
    if (!ifdFits(offset)) return;
    const count = u16(offset);
    for (let i = 0; i < count; i++) blankValue(offset + 2 + 12 * i);
    tiff.fill(0, offset, offset + 2 + 12 * count + 4);
  };

  // Removes the unwanted tags from one IFD; returns the offsets of the Exif IFD and the next IFD.
  const cleanIfd = (offset: number): { exif: number; next: number } | null => {
    if (!ifdFits(offset)) return null;
    let count = u16(offset);
    let exif = 0;
    for (let i = 0; i < count;) {
      const entry = offset + 2 + 12 * i;
      const tag = u16(entry);
      if (tag === TAG_EXIF_IFD) exif = u32(entry + 8);
      if (!REMOVED_TAGS.has(tag)) {
        i++;
        continue;
      }
      if (tag === TAG_GPS_IFD) blankIfd(u32(entry + 8));
      else blankValue(entry);
      // Move the later entries and the next-IFD pointer up by one entry; zero the freed 12 bytes.
      const tableEnd = offset + 2 + 12 * count + 4;
      tiff.copy(tiff, entry, entry + 12, tableEnd);
      tiff.fill(0, tableEnd - 12, tableEnd);
      count--;
      putU16(offset, count);
    }
    return { exif, next: u32(offset + 2 + 12 * count) };
  };

  const ifd0 = cleanIfd(u32(4));
  if (!ifd0) return false;
  if (ifd0.exif && !cleanIfd(ifd0.exif)) return false;
  // IFD1 (the thumbnail's) is optional; a broken pointer to it is common and harmless.
  if (ifd0.next && ifdFits(ifd0.next)) {
    const ifd1 = cleanIfd(ifd0.next);
    if (ifd1?.exif && ifd1.exif !== ifd0.exif && !cleanIfd(ifd1.exif)) return false;
  }
  return true;
}

function startsWith(buffer: Buffer, prefix: Buffer): boolean {
  return buffer.length >= prefix.length && buffer.subarray(0, prefix.length).equals(prefix);
}
