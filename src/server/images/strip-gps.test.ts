import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import exifr from "exifr";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { stripLocation } from "./strip-gps";
import { withoutIptcLocation } from "./strip-gps-jpeg";

const photos = fileURLToPath(new URL("../../../test/fixtures/photos/", import.meta.url));
const read = (path: string) => readFileSync(photos + path);
const jpegs = (folder: string) =>
  readdirSync(photos + folder)
    .filter((name) => /\.jpe?g$/i.test(name))
    .map((name) => `${folder}/${name}`);
const LIMITS = { maxPixels: 100_000_000 };
const XMP_GPS = "exif:GPSLatitude";

// Everything exifr reads, GPS included, XMP included.
async function allTags(data: Buffer): Promise<Record<string, unknown>> {
  const parsed: unknown = await exifr.parse(data, {
    tiff: true,
    exif: true,
    gps: true,
    ifd1: true,
    interop: true,
    xmp: true,
    makerNote: false,
    reviveValues: false,
    translateValues: false,
    mergeOutput: true,
  });
  return (parsed ?? {}) as Record<string, unknown>;
}

const gpsKeys = (tags: Record<string, unknown>) =>
  Object.keys(tags).filter((k) => /^GPS|^latitude$|^longitude$/.test(k));

/** The bytes from the first SOS marker to the end of the picture: the compressed image itself. */
function scanData(jpeg: Buffer): Buffer {
  let pos = 2;
  while (jpeg[pos + 1] !== 0xda) pos += 2 + jpeg.readUInt16BE(pos + 2);
  return jpeg.subarray(pos, jpeg.lastIndexOf(Buffer.from([0xff, 0xd9])) + 2);
}

describe("stripLocation: JPEG", () => {
  const withGps = [...jpegs("gps"), "large/iphone_hdr_YES.jpg", "cameras/Kodak_CX7530.jpg"];

  it.each(withGps)("removes every GPS tag from %s and keeps the rest of EXIF", async (path) => {
    const original = read(path);
    const before = await allTags(original);
    expect(gpsKeys(before).length).toBeGreaterThan(0);

    const result = await stripLocation(original, LIMITS);
    expect(result).toMatchObject({ contentType: "image/jpeg", reencoded: false });
    const after = await allTags(result.data);
    expect(gpsKeys(after)).toEqual([]);
    expect(await exifr.gps(result.data)).toBeUndefined();
    expect(result.data.includes(XMP_GPS)).toBe(false);
    expect(result.data.includes("http://ns.adobe.com/xap/1.0/")).toBe(false);

    // Everything else in EXIF is still there, unchanged (XMP is left out whole).
    const kept = Object.fromEntries(
      Object.entries(await exifOnly(original)).filter(
        ([k]) => !gpsKeys(before).includes(k) && k !== "GPSInfo",
      ),
    );
    expect(await exifOnly(result.data)).toEqual(kept);
    expect(Object.keys(kept).length).toBeGreaterThan(10);
  });

  it.each(withGps)("copies the compressed image of %s byte for byte", async (path) => {
    const original = read(path);
    const { data } = await stripLocation(original, LIMITS);
    expect(scanData(data).equals(scanData(original))).toBe(true);
    const [a, b] = await Promise.all([sharp(original).raw().toBuffer(), sharp(data).raw().toBuffer()]);
    expect(b.equals(a)).toBe(true);
    // Orientation and the EXIF thumbnail survive with the rest of EXIF.
    expect((await sharp(data).metadata()).orientation).toBe((await sharp(original).metadata()).orientation);
    expect(Boolean(await exifr.thumbnail(data))).toBe(Boolean(await exifr.thumbnail(original)));
  });

  it.each([...jpegs("cameras"), ...jpegs("orientation"), "large/jolla.jpg"])(
    "leaves %s without a location, its image data untouched",
    async (path) => {
      const original = read(path);
      const result = await stripLocation(original, LIMITS);
      expect(result.reencoded).toBe(false);
      expect(gpsKeys(await allTags(result.data))).toEqual([]);
      expect(scanData(result.data).equals(scanData(original))).toBe(true);
    },
  );

  it.each(jpegs("broken"))("copies what a decoder would read of the damaged %s", async (path) => {
    const original = read(path);
    const result = await stripLocation(original, LIMITS);
    expect(result.reencoded).toBe(false);
    expect(gpsKeys(await allTags(result.data))).toEqual([]);
    // Up to the first end-of-image marker, as a decoder stops there; invalid EXIF is left out whole.
    expect(original.includes(scanData(result.data))).toBe(true);
  });

  it("drops an XMP packet kept in Photoshop's resources and any pictures after the first", async () => {
    const original = read("gps/DSCN0012.jpg");
    const xmp = Buffer.from(`<x:xmpmeta><rdf:Description ${XMP_GPS}="43,28.0N"/></x:xmpmeta>`);
    const resource = Buffer.concat([
      Buffer.from("8BIM\x04\x24\x00\x00", "latin1"),
      u32be(xmp.length),
      xmp,
      xmp.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0),
    ]);
    const copyright = Buffer.concat([
      Buffer.from("8BIM\x04\x0a\x00\x00", "latin1"),
      u32be(2),
      Buffer.from([1, 0]),
    ]);
    const app13Payload = Buffer.concat([Buffer.from("Photoshop 3.0\0", "latin1"), resource, copyright]);
    const app13 = Buffer.concat([Buffer.from([0xff, 0xed]), u16be(app13Payload.length + 2), app13Payload]);
    const trailer = await sharp(original)
      .withExif({ IFD0: { Artist: "second picture" } })
      .jpeg()
      .toBuffer();
    const crafted = Buffer.concat([original.subarray(0, 2), app13, original.subarray(2), trailer]);

    const { data } = await stripLocation(crafted, LIMITS);
    expect(data.includes(XMP_GPS)).toBe(false);
    expect(data.includes(Buffer.concat([Buffer.from("8BIM\x04\x0a", "latin1")]))).toBe(true);
    expect(data.includes("second picture")).toBe(false);
    expect(scanData(data).equals(scanData(original))).toBe(true);
  });
});

describe("stripLocation: JPEG carriers beyond EXIF GPS", () => {
  it("cleans the EXIF thumbnail, a JPEG with metadata of its own, in place", async () => {
    const original = read("gps/DSCN0010.jpg");
    const { ifd1 } = (await exifr.parse(original, { ifd1: true, mergeOutput: false })) as {
      ifd1: { ThumbnailOffset: number; ThumbnailLength: number };
    };
    const [at, length] = [ifd1.ThumbnailOffset, ifd1.ThumbnailLength];
    // A small thumbnail carrying an XMP packet with GPS, padded with a comment to the old length.
    const tiny = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#48a" } })
      .jpeg()
      .toBuffer();
    const xmp = Buffer.from(`http://ns.adobe.com/xap/1.0/\0<x:xmpmeta ${XMP_GPS}="43,28.0N"/>`);
    const app1 = Buffer.concat([Buffer.from([0xff, 0xe1]), u16be(xmp.length + 2), xmp]);
    const padding = length - tiny.length - app1.length - 4;
    const com = Buffer.concat([Buffer.from([0xff, 0xfe]), u16be(padding + 2), Buffer.alloc(padding, 0x20)]);
    const thumbnail = Buffer.concat([tiny.subarray(0, 2), app1, com, tiny.subarray(2)]);
    expect(thumbnail.length).toBe(length);
    const tiffAt = original.indexOf("Exif\0\0") + 6;
    const crafted = Buffer.from(original);
    thumbnail.copy(crafted, tiffAt + at);
    expect(Buffer.from((await exifr.thumbnail(crafted))!).includes(XMP_GPS)).toBe(true);

    const { data } = await stripLocation(crafted, LIMITS);
    expect(data.includes(XMP_GPS)).toBe(false);
    const cleaned = Buffer.from((await exifr.thumbnail(data))!);
    expect(cleaned.length).toBeLessThan(length);
    expect((await sharp(cleaned).metadata()).width).toBe(40);
    expect(scanData(data).equals(scanData(original))).toBe(true);
  });

  it("removes IPTC place datasets of any length and keeps the rest, refusing a record cut short", () => {
    const dataset = (n: number, data: Buffer, extended = false) =>
      extended
        ? Buffer.concat([Buffer.from([0x1c, 2, n, 0x80, 4]), u32be(data.length), data])
        : Buffer.concat([Buffer.from([0x1c, 2, n]), u16be(data.length), data]);
    const byline = dataset(80, Buffer.from("Ana"));
    const city = dataset(90, Buffer.from("Lisboa"), true);
    const country = dataset(101, Buffer.from("Portugal"));
    const envelope = Buffer.concat([Buffer.from([0x1c, 1, 90]), u16be(3), Buffer.from("\x1b%G")]);
    const iptc = Buffer.concat([envelope, byline, city, country, Buffer.alloc(3)]);
    // Record 1's dataset 90 is the character set, not a city: only record 2 names places.
    expect(withoutIptcLocation(iptc)).toEqual(Buffer.concat([envelope, byline]));
    expect(withoutIptcLocation(iptc.subarray(0, iptc.length - 8))).toBeNull();
  });

  it("falls back to a re-encode when Photoshop's resources do not parse", async () => {
    const original = read("gps/DSCN0012.jpg");
    const payload = Buffer.concat([
      Buffer.from("Photoshop 3.0\x008BIM\x04\x04\x00\x00", "latin1"),
      u32be(9999),
    ]);
    const app13 = Buffer.concat([Buffer.from([0xff, 0xed]), u16be(payload.length + 2), payload]);
    const crafted = Buffer.concat([original.subarray(0, 2), app13, original.subarray(2)]);
    const result = await stripLocation(crafted, LIMITS);
    expect(result).toMatchObject({ contentType: "image/jpeg", reencoded: true });
    expect(await exifr.gps(result.data)).toBeUndefined();
  });
});

describe("stripLocation: PNG, WebP, GIF", () => {
  it("cleans a PNG's eXIf, leaves out its XMP and keeps its pixels and other text", async () => {
    const original = await sharp(read("gps/DSCN0010.jpg")).keepMetadata().png().toBuffer();
    expect((await exifr.gps(original))?.latitude).toBeCloseTo(43.4674, 3);
    const titled = insertPngChunk(original, pngChunk("tEXt", Buffer.from("Title\0Tuscany", "latin1")));

    const result = await stripLocation(titled, LIMITS);
    expect(result).toMatchObject({ contentType: "image/png", reencoded: false });
    expect(await exifr.gps(result.data)).toBeUndefined();
    expect(gpsKeys(await allTags(result.data))).toEqual([]);
    // The rest of EXIF stays, as in a JPEG.
    expect(await exifr.parse(result.data, ["Model"])).toMatchObject({ Model: "COOLPIX P6000" });
    expect(result.data.includes("XML:com.adobe.xmp")).toBe(false);
    expect(result.data.includes("Title\0Tuscany")).toBe(true);
    expect(result.data.length).toBeLessThan(titled.length);
    expect(await samePixels(titled, result.data)).toBe(true);
  });

  it("cleans a WebP's EXIF, leaves out its XMP, keeps its flags true and fixes the RIFF size", async () => {
    const original = await sharp(read("gps/DSCN0021.jpg")).keepMetadata().webp().toBuffer();
    const meta = await sharp(original).metadata();
    expect(meta.exif).toBeDefined();

    const result = await stripLocation(original, LIMITS);
    expect(result).toMatchObject({ contentType: "image/webp", reencoded: false });
    const stripped = await sharp(result.data).metadata();
    expect(stripped.xmp).toBeUndefined();
    // exifr reads no WebP: its EXIF chunk (a TIFF structure after "Exif\0\0") is read on its own.
    const tiff = stripped.exif!.subarray(6);
    expect(gpsKeys(await allTags(tiff))).toEqual([]);
    expect(await exifr.parse(tiff, ["Model"])).toMatchObject({ Model: "COOLPIX P6000" });
    expect(gpsKeys(await allTags((await sharp(original).metadata()).exif!.subarray(6)))).not.toEqual([]);
    expect(result.data.readUInt32LE(4)).toBe(result.data.length - 8);
    expect(result.data.includes(XMP_GPS)).toBe(false);
    // VP8X flags: EXIF (0x08) still announced, XMP (0x04) no more.
    const vp8x = result.data.indexOf("VP8X");
    expect(result.data[vp8x + 8]! & 0x0c).toBe(0x08);
    expect(await samePixels(original, result.data)).toBe(true);
  });

  it("leaves out a GIF's XMP application extension", async () => {
    const plain = await sharp(read("gps/DSCN0025.jpg")).resize(64).gif().toBuffer();
    const xmp = Buffer.from(`<x:xmpmeta><rdf:Description ${XMP_GPS}="43,28.0N"/></x:xmpmeta>`);
    // XMP's own "magic trailer" (0x01, 0xFF…0x00, 0x00) makes the raw packet parse as sub-blocks.
    const magic = Buffer.from([1, ...Array.from({ length: 256 }, (_, i) => 255 - i), 0]);
    const extension = Buffer.concat([Buffer.from([0x21, 0xff, 11]), Buffer.from("XMP DataXMP"), xmp, magic]);
    const headerEnd = gifHeaderEnd(plain);
    const crafted = Buffer.concat([plain.subarray(0, headerEnd), extension, plain.subarray(headerEnd)]);
    expect((await sharp(crafted).metadata()).width).toBe(64);

    const result = await stripLocation(crafted, LIMITS);
    expect(result).toMatchObject({ contentType: "image/gif", reencoded: false });
    expect(result.data.equals(plain)).toBe(true);
  });

  it("leaves out a GIF's other application extensions and keeps its looping", async () => {
    const animated = await sharp(read("gps/DSCN0025.jpg"), { pages: 1 })
      .resize(32)
      .gif({ loop: 0 })
      .toBuffer();
    expect(animated.includes("NETSCAPE2.0")).toBe(true);
    const headerEnd = gifHeaderEnd(animated);
    const place = Buffer.from("Vila Nova de Milfontes");
    const vendor = Buffer.concat([
      Buffer.from([0x21, 0xff, 11]),
      Buffer.from("PLACEAPP1.0"),
      Buffer.from([place.length]),
      place,
      Buffer.from([0]),
    ]);
    const crafted = Buffer.concat([animated.subarray(0, headerEnd), vendor, animated.subarray(headerEnd)]);
    const result = await stripLocation(crafted, LIMITS);
    expect(result.reencoded).toBe(false);
    expect(result.data.includes(place)).toBe(false);
    expect(result.data.equals(animated)).toBe(true);
  });
});

describe("stripLocation: formats it cannot edit", () => {
  it(
    "re-encodes an iPhone HEIC as an upright full-size JPEG without metadata",
    { timeout: 60_000 },
    async () => {
      const original = read("heic/IMG_5195.HEIC");
      expect(await exifr.gps(original)).toBeDefined();
      const result = await stripLocation(original, LIMITS);
      expect(result).toMatchObject({ contentType: "image/jpeg", reencoded: true });
      const meta = await sharp(result.data).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", 2566, 3313]);
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(await exifr.gps(result.data)).toBeUndefined();
    },
  );

  it("re-encodes an AVIF, EXIF and all, to a JPEG without it", async () => {
    const original = await sharp(read("orientation/portrait_6.jpg")).keepMetadata().avif().toBuffer();
    const result = await stripLocation(original, LIMITS);
    expect(result).toMatchObject({ contentType: "image/jpeg", reencoded: true });
    const meta = await sharp(result.data).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    // Upright already: the orientation was applied to the pixels, not carried as a tag.
    expect(meta.orientation).toBeUndefined();
    expect(meta.height).toBeGreaterThan(meta.width!);
  });

  it("refuses what is not an image with the one clear error", async () => {
    await expect(stripLocation(Buffer.from("<svg onload=alert(1)>"), LIMITS)).rejects.toMatchObject({
      code: "unprocessable",
    });
  });
});

async function exifOnly(data: Buffer): Promise<Record<string, unknown>> {
  const parsed: unknown = await exifr.parse(data, {
    tiff: true,
    exif: true,
    gps: true,
    ifd1: true,
    interop: true,
    xmp: false,
    makerNote: false,
    reviveValues: false,
    translateValues: false,
  });
  return (parsed ?? {}) as Record<string, unknown>;
}

async function samePixels(a: Buffer, b: Buffer): Promise<boolean> {
  const [x, y] = await Promise.all([sharp(a).raw().toBuffer(), sharp(b).raw().toBuffer()]);
  return x.equals(y);
}

function u16be(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

function u32be(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  return Buffer.concat([u32be(data.length), body, u32be(crc32(body))]);
}

/** After IHDR (8-byte signature, then 25 bytes of IHDR). */
function insertPngChunk(png: Buffer, chunk: Buffer): Buffer {
  return Buffer.concat([png.subarray(0, 33), chunk, png.subarray(33)]);
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function gifHeaderEnd(gif: Buffer): number {
  const flags = gif[10]!;
  return 13 + (flags & 0x80 ? 3 * 2 ** ((flags & 0x07) + 1) : 0);
}
