import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readExif } from "./exif";

const photos = fileURLToPath(new URL("../../../test/fixtures/photos/", import.meta.url));

const location = fileURLToPath(new URL("../../../test/fixtures/location/", import.meta.url));

describe("readExif", () => {
  it("reads the creator and copyright a file carries: EXIF first, then IPTC, then XMP", async () => {
    // jpeg-iptc.jpg: EXIF Copyright, IPTC By-line "Ana Fotografa", XMP dc:creator and dc:rights.
    expect((await readExif(location + "jpeg-iptc.jpg")).rights).toEqual({
      creator: "Ana Fotografa",
      copyright: "Laitche (This file is in the public domain.)",
    });
    // XMP alone for the creator: dc:creator.
    expect((await readExif(location + "jpeg-xmp-odd-header.jpg")).rights?.creator).toBe("Laitche");
    expect((await readExif(photos + "cameras/Canon_40D.jpg")).rights).toBeUndefined();
  });

  it("reads a camera's make, model, exposure and date", async () => {
    expect(await readExif(photos + "cameras/Canon_40D.jpg")).toEqual({
      camera: { make: "Canon", model: "Canon EOS 40D" },
      exposure: { exposureTime: "1/160", fNumber: 7.1, iso: 100, focalLength: 135 },
      takenAt: new Date("2008-05-30T15:56:01Z"),
    });
  });

  it("reads GPS, from a path or a buffer", async () => {
    const fromPath = await readExif(photos + "gps/DSCN0010.jpg");
    expect(fromPath.gps?.latitude).toBeCloseTo(43.467448, 5);
    expect(fromPath.gps?.longitude).toBeCloseTo(11.885127, 5);
    expect(await readExif(readFileSync(photos + "gps/DSCN0010.jpg"))).toEqual(fromPath);
  });

  it("reads an iPhone HEIC, lens and southern/western coordinates included", async () => {
    const exif = await readExif(photos + "heic/IMG_5195.HEIC");
    expect(exif).toMatchObject({
      camera: { make: "Apple", model: "iPhone 11 Pro Max" },
      lens: "iPhone 11 Pro Max back triple camera 4.25mm f/1.8",
      exposure: { exposureTime: "1/391", fNumber: 1.8, iso: 32, focalLength: 4.3 },
      takenAt: new Date("2021-04-11T15:47:53Z"),
    });
    expect(exif.gps?.longitude).toBeLessThan(0);
    const kodak = await readExif(photos + "cameras/Kodak_CX7530.jpg");
    expect(kodak.gps?.latitude).toBeLessThan(0);
  });

  it("is JSON-serialisable", async () => {
    const exif = await readExif(photos + "gps/DSCN0010.jpg");
    const roundTrip = JSON.parse(JSON.stringify(exif)) as Record<string, unknown>;
    expect(roundTrip).toEqual({ ...exif, takenAt: exif.takenAt?.toISOString() });
  });

  it.each([
    "broken/image00971.jpg",
    "broken/image01088.jpg",
    "broken/image01137.jpg",
    "broken/corrupted.jpg",
  ])("does not throw on %s", async (file) => {
    await expect(readExif(photos + file)).resolves.toMatchObject({ camera: {}, exposure: {} });
  });

  it("returns what it can when the EXIF block is damaged", async () => {
    const jpeg = Buffer.from(readFileSync(photos + "cameras/Canon_40D.jpg"));
    const tiff = jpeg.indexOf("Exif\0\0", 0, "latin1") + 6;
    // Point IFD0's entry count past the end of the block, and scribble over the first entries.
    jpeg.fill(0xff, tiff + 8, tiff + 40);
    const exif = await readExif(jpeg);
    expect(exif).toMatchObject({ camera: {}, exposure: {} });
  });

  it("returns nothing for files without EXIF, or that are not images", async () => {
    const empty = { camera: {}, exposure: {} };
    expect(await readExif(photos + "orientation/landscape_1.jpg")).toEqual(empty);
    expect(await readExif(Buffer.from("not an image at all"))).toEqual(empty);
    expect(await readExif(Buffer.alloc(0))).toEqual(empty);
  });
});
