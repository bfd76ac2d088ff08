import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { inflateSync } from "node:zlib";
import exifr from "exifr";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { KEPT, PLANTED_TEXT, gps5Bytes } from "../../../test/fixtures/location/planted";
import { stripLocation } from "./strip-gps";

// The location corpus (test/fixtures/location/README.md): one crafted file per place a location can
// hide. Each must come out with no trace of the planted place, its pixels and other metadata kept.
const corpus = fileURLToPath(new URL("../../../test/fixtures/location/", import.meta.url));
const LIMITS = { maxPixels: 100_000_000 };
const LOCATION_KEY = /gps|latitude|longitude|city|sublocation|state|country|location/i;

const lossless = [
  "jpeg-iptc.jpg",
  "jpeg-xmp-odd-header.jpg",
  "jpeg-xmp-extended.jpg",
  "jpeg-c2pa-jumbf.jpg",
  "jpeg-gopro-gpmf.jpg",
  "jpeg-panasonic-makernote.jpg",
  "png-exif.png",
  "png-text-gps.png",
  "png-ztxt-xmp.png",
  "png-itxt-xmp.png",
  "webp-exif-xmp.webp",
];

/** The file's bytes, plus the text of its compressed PNG chunks: where a planted string could be. */
function readable(file: Buffer): Buffer {
  const parts = [file];
  if (file.toString("latin1", 1, 4) === "PNG") {
    for (let pos = 8; pos + 12 <= file.length; pos += 12 + file.readUInt32BE(pos)) {
      const type = file.toString("latin1", pos + 4, pos + 8);
      const data = file.subarray(pos + 8, pos + 8 + file.readUInt32BE(pos));
      if (type !== "zTXt" && type !== "iTXt") continue;
      // Compressed text starts after the NULs of its header; try each candidate start.
      for (let at = data.indexOf(0); at >= 0; at = data.indexOf(0, at + 1)) {
        try {
          parts.push(inflateSync(data.subarray(at + 1)));
        } catch {
          try {
            parts.push(inflateSync(data.subarray(at + 2)));
          } catch {
            // not the start of the deflated text
          }
        }
      }
    }
  }
  return Buffer.concat(parts);
}

function tracesOfPlace(file: Buffer): string[] {
  const bytes = readable(file);
  const found = PLANTED_TEXT.filter(
    (text) => bytes.includes(text) || bytes.includes(Buffer.from(text, "utf16le")),
  );
  return bytes.includes(gps5Bytes()) ? [...found, "GPS5"] : found;
}

/** Every tag exifr reads (EXIF, GPS, IPTC, XMP), flattened. WebP, which exifr does not read, via sharp. */
async function tags(file: Buffer, opts: { xmp: boolean } = { xmp: true }): Promise<Record<string, unknown>> {
  const options = {
    tiff: true,
    exif: true,
    gps: true,
    ifd1: true,
    iptc: true,
    xmp: opts.xmp,
    multiSegment: true,
    makerNote: false,
    mergeOutput: true,
  };
  if (file.toString("latin1", 8, 12) === "WEBP") {
    const { exif, xmp } = await sharp(file).metadata();
    const fromExif = exif ? ((await exifr.parse(exif.subarray(6), options)) as Record<string, unknown>) : {};
    return { ...fromExif, ...(xmp && opts.xmp ? { xmp: xmp.toString() } : {}) };
  }
  return ((await exifr.parse(file, options)) ?? {}) as Record<string, unknown>;
}

const locationKeys = (t: Record<string, unknown>) =>
  Object.entries(t)
    .filter(
      ([key, value]) => LOCATION_KEY.test(key) || (typeof value === "string" && LOCATION_KEY.test(value)),
    )
    .map(([key]) => key);

async function samePixels(a: Buffer, b: Buffer): Promise<boolean> {
  const [x, y] = await Promise.all([sharp(a).raw().toBuffer(), sharp(b).raw().toBuffer()]);
  return x.equals(y);
}

describe("the location corpus", () => {
  it.each(lossless)("%s carries the planted place", async (name) => {
    const original = readFileSync(corpus + name);
    const found = tracesOfPlace(original);
    const gps =
      name.startsWith("png-exif") || name.startsWith("webp") ? locationKeys(await tags(original)) : [];
    expect([...found, ...gps].length).toBeGreaterThan(0);
  });

  it.each(lossless)("%s loses every trace of the place, losslessly", async (name) => {
    const original = readFileSync(corpus + name);
    const result = await stripLocation(original, LIMITS);
    expect(result.reencoded).toBe(false);
    expect(tracesOfPlace(result.data)).toEqual([]);
    expect(locationKeys(await tags(result.data))).toEqual([]);
    if (!name.startsWith("webp")) expect(await exifr.gps(result.data)).toBeUndefined();
    expect(await samePixels(original, result.data)).toBe(true);
  });

  it.each(lossless)("%s keeps its camera, copyright and other metadata", async (name) => {
    const original = readFileSync(corpus + name);
    const { data } = await stripLocation(original, LIMITS);
    // EXIF without GPS is the same before and after.
    const exifBefore = await tags(original, { xmp: false });
    const kept = Object.fromEntries(Object.entries(exifBefore).filter(([k]) => !LOCATION_KEY.test(k)));
    expect(kept).toMatchObject({ Model: KEPT.Model, Copyright: KEPT.Copyright });
    const exifAfter = await tags(data, { xmp: false });
    for (const key of ["Make", "Model", "Copyright", "Artist", "DateTimeOriginal", "ExposureTime", "FNumber"])
      expect(exifAfter[key]).toEqual(kept[key]);
    // The maker note stays, its place names blanked in place.
    if (name === "jpeg-panasonic-makernote.jpg") expect(data.includes("Panasonic\0\0\0\x03\0")).toBe(true);
    if (name.startsWith("png")) expect(data.includes(`Title\0${KEPT.pngTitle}`)).toBe(true);
    if (name === "jpeg-iptc.jpg") {
      const iptc = (await exifr.parse(data, { iptc: true, tiff: false, xmp: false })) as Record<
        string,
        unknown
      >;
      expect(iptc).toMatchObject({ Byline: KEPT.iptcByline, Headline: KEPT.iptcHeadline });
    }
  });

  it("re-encodes the AVIF without EXIF or XMP", async () => {
    const original = readFileSync(corpus + "avif-exif-xmp.avif");
    expect(tracesOfPlace(original).length).toBeGreaterThan(0);
    const result = await stripLocation(original, LIMITS);
    expect(result).toMatchObject({ contentType: "image/jpeg", reencoded: true });
    expect(tracesOfPlace(result.data)).toEqual([]);
    expect(locationKeys(await tags(result.data))).toEqual([]);
  });
});
