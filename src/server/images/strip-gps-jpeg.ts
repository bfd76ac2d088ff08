import "server-only";
import { createHash } from "node:crypto";

// A JPEG without its location, losslessly: the entropy-coded image data is copied byte for byte; only
// metadata segments change. Returns null for anything this cannot walk with certainty, so the caller
// falls back to a re-encode rather than serve something it did not check.

const TAG_GPS_IFD = 0x8825;
const TAG_EXIF_IFD = 0x8769;
const TAG_MAKER_NOTE = 0x927c;
const TAG_THUMBNAIL_OFFSET = 0x0201;
const TAG_THUMBNAIL_LENGTH = 0x0202;
// XMP (tag 700), IPTC (33723) and Photoshop's resources (34377) may be embedded in the TIFF structure
// too, and each can carry a location: they go whole.
const REMOVED_TAGS = new Set([TAG_GPS_IFD, 0x02bc, 0x83bb, 0x8649]);

const EXIF_ID = Buffer.from("Exif\0\0", "latin1");
const PHOTOSHOP_ID = Buffer.from("Photoshop 3.0\0", "latin1");
const ICC_ID = Buffer.from("ICC_PROFILE\0", "latin1");
const ADOBE_ID = Buffer.from("Adobe", "latin1");

// Photoshop image resources: the IPTC record, its MD5, EXIF copies and the XMP copy.
const RESOURCE_IPTC = 0x0404;
const RESOURCE_IPTC_DIGEST = 0x0425;
const RESOURCE_EXIF = new Set([0x0422, 0x0423]);
const RESOURCE_XMP = 0x0424;

// Panasonic's maker note names the place its cameras looked up from GPS: Location (0x67), Country
// (0x69), State (0x6b), City (0x6d), Landmark (0x6f), City2 (0x80). Other makers' notes hold no place.
const PANASONIC_ID = Buffer.from("Panasonic\0\0\0", "latin1");
const PANASONIC_LOCATION_TAGS = new Set([0x67, 0x69, 0x6b, 0x6d, 0x6f, 0x80]);

// IPTC IIM application record (2) datasets that name a place: location code and name (26, 27), city
// (90), sub-location (92), province or state (95), country code and name (100, 101).
const IPTC_LOCATION_DATASETS = new Set([26, 27, 90, 92, 95, 100, 101]);

const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP13 = 0xed;
const APP14 = 0xee;
const SOS = 0xda;
const EOI = 0xd9;

/**
 * The JPEG with its location removed and the rest of its metadata kept:
 * - EXIF: the GPS IFD is unlinked and blanked (every EXIF IFD is checked), the rest stays intact;
 * - Photoshop (APP13): the IPTC location datasets are removed (the IPTC digest recomputed), the XMP
 *   copy dropped and EXIF copies cleaned like EXIF;
 * - every other application segment is dropped unless it only describes the pixels (JFIF, the ICC
 *   profile, Adobe's colour transform): location hides in XMP under any header (standard, extended
 *   or not), C2PA manifests in JUMBF (APP11), GoPro's GPMF track (APP6) and other vendors' blocks,
 *   so what is kept is a list of what is known to be harmless, not a list of what is known to hurt.
 * A multi-picture file (MPF) loses its extra pictures (depth or gain maps, a second view): their index
 * counts bytes the edit moves and their own metadata may carry a location; the primary picture is
 * unchanged. Comments (COM) stay: they are the owner's text. Null when unsure.
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
    } else if (marker === APP13 && startsWith(payload, PHOTOSHOP_ID)) {
      const rebuilt = cleanPhotoshopResources(payload);
      if (!rebuilt) return null;
      const header = Buffer.from([0xff, APP13, 0, 0]);
      header.writeUInt16BE(rebuilt.length + 2, 2);
      parts.push(header, rebuilt);
    } else if (marker >= APP0 && marker <= 0xef) {
      if (describesPixels(marker, payload)) parts.push(segment);
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

// The application segments a decoder may need, which hold nothing but how to show the pixels.
function describesPixels(marker: number, payload: Buffer): boolean {
  if (marker === APP0) return true; // JFIF density, JFXX thumbnail pixels
  if (marker === APP2) return startsWith(payload, ICC_ID);
  if (marker === APP14) return startsWith(payload, ADOBE_ID); // colour transform of CMYK/YCCK
  return false;
}

interface PhotoshopResource {
  id: number;
  /** The block's header up to its size field ("8BIM", id, padded name). */
  head: Buffer;
  data: Buffer;
}

// Photoshop's image resource blocks: "8BIM", id (2), a Pascal name padded to even, size (4), data
// padded to even.
function readPhotoshopResources(payload: Buffer): PhotoshopResource[] | null {
  const found: PhotoshopResource[] = [];
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
    found.push({ id, head: payload.subarray(pos, sizeAt), data: payload.subarray(sizeAt + 4, dataEnd) });
    // Data is padded to an even length; some writers leave the last pad byte out.
    pos = Math.min(dataEnd + (size & 1), payload.length);
  }
  return found;
}

/** The APP13 payload without location: see stripJpegLocation. Null when it does not parse or fit. */
function cleanPhotoshopResources(payload: Buffer): Buffer | null {
  const resources = readPhotoshopResources(payload);
  if (!resources) return null;
  const kept: PhotoshopResource[] = [];
  let iptc: Buffer | undefined;
  for (const resource of resources) {
    if (resource.id === RESOURCE_XMP) continue;
    if (resource.id === RESOURCE_IPTC) {
      const cleaned = withoutIptcLocation(resource.data);
      if (!cleaned) return null;
      iptc = cleaned;
      kept.push({ ...resource, data: cleaned });
    } else if (RESOURCE_EXIF.has(resource.id)) {
      const copy = Buffer.from(resource.data);
      if (stripTiff(copy)) kept.push({ ...resource, data: copy });
    } else {
      kept.push(resource);
    }
  }
  const blocks = kept.map((resource) => {
    // Photoshop checks the IPTC record against this MD5; a stale one would flag it as edited elsewhere.
    const data =
      resource.id === RESOURCE_IPTC_DIGEST && iptc && resource.data.length === 16
        ? createHash("md5").update(iptc).digest()
        : resource.data;
    const size = Buffer.alloc(4);
    size.writeUInt32BE(data.length);
    return Buffer.concat([resource.head, size, data, Buffer.alloc(data.length & 1)]);
  });
  const rebuilt = Buffer.concat([PHOTOSHOP_ID, ...blocks]);
  return rebuilt.length + 2 > 0xffff ? null : rebuilt;
}

/**
 * An IPTC IIM stream without the application record's location datasets. Each dataset: 0x1C, record,
 * dataset number, then a 2-byte length, or (top bit set) the count of bytes of a longer length.
 */
export function withoutIptcLocation(iptc: Buffer): Buffer | null {
  const kept: Buffer[] = [];
  let pos = 0;
  while (pos < iptc.length) {
    // Writers pad the record with zeros to an even or 4-byte length.
    if (iptc[pos] === 0 && iptc.subarray(pos).every((b) => b === 0)) break;
    if (pos + 5 > iptc.length || iptc[pos] !== 0x1c) return null;
    const record = iptc[pos + 1]!;
    const dataset = iptc[pos + 2]!;
    let length = iptc.readUInt16BE(pos + 3);
    let dataAt = pos + 5;
    if (length & 0x8000) {
      const lengthBytes = length & 0x7fff;
      if (lengthBytes > 4 || dataAt + lengthBytes > iptc.length) return null;
      length = lengthBytes === 0 ? 0 : iptc.readUIntBE(dataAt, lengthBytes);
      dataAt += lengthBytes;
    }
    const end = dataAt + length;
    if (end > iptc.length) return null;
    if (!(record === 2 && IPTC_LOCATION_DATASETS.has(dataset))) kept.push(iptc.subarray(pos, end));
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
  const putU32 = (at: number, v: number) => (le ? tiff.writeUInt32LE(v, at) : tiff.writeUInt32BE(v, at));
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

  // Blanks the values of the place tags in a Panasonic maker note, which is an IFD (without a next
  // pointer) whose offsets count from the TIFF header. In place: nothing moves, the tags read empty.
  const cleanMakerNote = (entry: number) => {
    const at = u32(entry + 8);
    if (u32(entry + 4) < PANASONIC_ID.length + 2 || at + PANASONIC_ID.length + 2 > tiff.length) return;
    if (!tiff.subarray(at, at + PANASONIC_ID.length).equals(PANASONIC_ID)) return;
    const ifd = at + PANASONIC_ID.length;
    const count = u16(ifd);
    if (ifd + 2 + 12 * count > tiff.length) return;
    for (let i = 0; i < count; i++) {
      const field = ifd + 2 + 12 * i;
      if (!PANASONIC_LOCATION_TAGS.has(u16(field))) continue;
      const size = (TYPE_SIZES[u16(field + 2)] ?? 0) * u32(field + 4);
      if (size > 4) blankValue(field);
      else tiff.fill(0, field + 8, field + 12);
    }
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
      if (tag === TAG_MAKER_NOTE) cleanMakerNote(entry);
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
    if (ifd1) cleanThumbnail(ifd0.next);
  }
  return true;

  // The EXIF thumbnail is a JPEG of its own, which may carry its own metadata: it is cleaned the same
  // way and written back in place (shorter, zero-padded), or blanked when it cannot be.
  function cleanThumbnail(ifd: number): void {
    let offsetEntry = -1;
    let lengthEntry = -1;
    for (let i = 0; i < u16(ifd); i++) {
      const entry = ifd + 2 + 12 * i;
      if (u16(entry) === TAG_THUMBNAIL_OFFSET) offsetEntry = entry;
      if (u16(entry) === TAG_THUMBNAIL_LENGTH) lengthEntry = entry;
    }
    if (offsetEntry < 0 || lengthEntry < 0 || u16(lengthEntry + 2) !== 4) return;
    const at = u32(offsetEntry + 8);
    const length = u32(lengthEntry + 8);
    if (at + length > tiff.length) return;
    const cleaned = stripJpegLocation(tiff.subarray(at, at + length));
    const kept = cleaned && cleaned.length <= length ? cleaned : Buffer.alloc(0);
    kept.copy(tiff, at);
    tiff.fill(0, at + kept.length, at + length);
    putU32(lengthEntry + 8, kept.length);
  }
}

function startsWith(buffer: Buffer, prefix: Buffer): boolean {
  return buffer.length >= prefix.length && buffer.subarray(0, prefix.length).equals(prefix);
}
