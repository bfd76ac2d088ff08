import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import exifr from "exifr";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { animatedGif, jpegHtmlPolyglot } from "../../../test/fixtures/images/generate";
import { processImage, type ProcessedImage, type ProcessedVariant } from "./process-image";
import { readExif } from "./exif";
import type { ImageKind } from "./sniff";
import { thumbhashToDataUrl } from "./thumbhash";
import { variantSizes } from "./variants";

const photos = fileURLToPath(new URL("../../../test/fixtures/photos/", import.meta.url));
const LIMIT = 100_000_000;
const files = (dir: string) => readdirSync(photos + dir).map((name) => `${dir}/${name}`);
const kindOf = (file: string): ImageKind => (/\.hei[cf]$/i.test(file) ? "heic" : "jpeg");
const run = (input: string | Buffer, kind: ImageKind = "jpeg") =>
  processImage(input, { kind, maxPixels: LIMIT });

// Only the image bitstream may be left in a derivative: no EXIF, XMP or ICCP chunk.
function riffChunks(webp: Buffer): string[] {
  const chunks: string[] = [];
  for (let at = 12; at + 8 <= webp.length;) {
    chunks.push(webp.toString("latin1", at, at + 4));
    const size = webp.readUInt32LE(at + 4);
    at += 8 + size + (size % 2);
  }
  return chunks;
}

async function expectNoMetadata(variant: Buffer): Promise<void> {
  const metadata = await sharp(variant).metadata();
  expect(metadata.format).toBe("webp");
  expect(metadata).not.toHaveProperty("exif");
  expect(metadata).not.toHaveProperty("xmp");
  expect(metadata).not.toHaveProperty("icc");
  expect(metadata).not.toHaveProperty("iptc");
  expect(riffChunks(variant).filter((c) => !["VP8 ", "VP8L", "VP8X", "ALPH"].includes(c))).toEqual([]);
  // exifr cannot read WebP, so carry whatever sharp sees over to a JPEG and ask exifr about that
  // (libvips writes a minimal EXIF block of its own there: size and resolution, never camera or place).
  const asJpeg = await sharp(variant).keepMetadata().jpeg().toBuffer();
  expect(await exifr.gps(asJpeg)).toBeUndefined();
  expect(
    await exifr.parse(asJpeg, { pick: ["Make", "Model", "DateTimeOriginal", "GPSLatitude"] }),
  ).toBeUndefined();
}

async function expectWellFormed(result: ProcessedImage): Promise<void> {
  expect(result.variants.map(({ width, height }) => ({ width, height }))).toEqual(
    variantSizes(result.width, result.height),
  );
  for (const variant of result.variants) {
    const info = await sharp(variant.data).metadata();
    expect([info.width, info.height]).toEqual([variant.width, variant.height]);
    expect(variant.format).toBe("webp");
  }
  expect(Buffer.from(result.thumbhash, "base64").length).toBeGreaterThan(4);
}

// Mean absolute difference (0–255) between two images rendered as 32 × 24 greyscale.
async function difference(a: Buffer, b: Buffer): Promise<number> {
  const render = (input: Buffer) => sharp(input).resize(32, 24, { fit: "fill" }).greyscale().raw().toBuffer();
  const [x, y] = await Promise.all([render(a), render(b)]);
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += Math.abs((x[i] ?? 0) - (y[i] ?? 0));
  return sum / x.length;
}

const thumbnail = (result: ProcessedImage): ProcessedVariant => result.variants[0]!;

describe("processImage on every fixture", () => {
  it.each([
    ...files("orientation"),
    ...files("cameras"),
    ...files("gps"),
    ...files("large"),
    ...files("heic"),
  ])("%s", async (file) => {
    const result = await run(photos + file, kindOf(file));
    expect(thumbnail(result).width).toBe(50);
    expect(result.animated).toBe(false);
    await expectWellFormed(result);
    await expectNoMetadata(thumbnail(result).data);
    await expectNoMetadata(result.variants.at(-1)!.data);
  });

  it("gives an 8 MP photo the full ladder, up to 2048", async () => {
    const result = await run(photos + "large/jolla.jpg");
    expect(result.variants.map((v) => v.width)).toEqual([50, 240, 320, 500, 640, 800, 1024, 1600, 2048]);
    expect([result.width, result.height]).toEqual([3264, 2448]);
    expect(result.exif.camera).toEqual({ make: "Jolla", model: "Jolla" });
    expect(thumbhashToDataUrl(result.thumbhash)).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
  });

  it("decodes an iPhone HEIC upright and converts its Display P3 to sRGB", async () => {
    const result = await run(photos + "heic/IMG_5195.HEIC", "heic");
    expect([result.width, result.height]).toEqual([2566, 3313]);
    expect(result.variants.at(-1)).toMatchObject({ width: 2048, height: 2644 });
    const stats = await sharp(result.variants[3]!.data).stats();
    expect(stats.isOpaque).toBe(true);
    expect((await sharp(result.variants[3]!.data).metadata()).channels).toBe(3);
  });
});

describe("orientation", () => {
  const groups = ["landscape", "portrait"] as const;
  const thumbs = new Map<string, ProcessedImage>();
  beforeAll(async () => {
    for (const group of groups) {
      for (let o = 1; o <= 8; o++)
        thumbs.set(`${group}_${o}`, await run(`${photos}orientation/${group}_${o}.jpg`));
    }
  });

  it.each(groups.flatMap((group) => [2, 3, 4, 5, 6, 7, 8].map((o) => [group, o] as const)))(
    "%s_%i comes out upright, like orientation 1",
    async (group, o) => {
      const reference = thumbs.get(`${group}_1`)!;
      const oriented = thumbs.get(`${group}_${o}`)!;
      expect([oriented.width, oriented.height]).toEqual([reference.width, reference.height]);
      expect([thumbnail(oriented).width, thumbnail(oriented).height]).toEqual([
        thumbnail(reference).width,
        thumbnail(reference).height,
      ]);
      // Measured: upright copies differ by 1.8–2.5 (JPEG noise); with the rotation skipped, 27–68.
      expect(await difference(thumbnail(oriented).data, thumbnail(reference).data)).toBeLessThan(6);
    },
  );

  it("would notice an image left unrotated", async () => {
    const reference = thumbnail(thumbs.get("landscape_1")!).data;
    const mirrored = await sharp(reference).flop().toBuffer();
    const upsideDown = await sharp(reference).rotate(180).toBuffer();
    expect(await difference(mirrored, reference)).toBeGreaterThan(6);
    expect(await difference(upsideDown, reference)).toBeGreaterThan(6);
  });
});

describe("privacy", () => {
  it.each(files("gps"))("%s: the EXIF has GPS, no derivative does", async (file) => {
    expect((await readExif(photos + file)).gps).toBeDefined();
    const result = await run(photos + file);
    expect(result.exif.gps).toBeDefined();
    for (const variant of result.variants) await expectNoMetadata(variant.data);
  });

  it("the metadata checks would catch EXIF if it were there", async () => {
    const leaky = await sharp(photos + "gps/DSCN0010.jpg")
      .keepMetadata()
      .webp()
      .toBuffer();
    await expect(expectNoMetadata(leaky)).rejects.toThrow();
  });
});

describe("broken files", () => {
  it("refuses a truncated JPEG as damaged", async () => {
    await expect(run(photos + "broken/corrupted.jpg")).rejects.toMatchObject({
      name: "AppError",
      code: "unprocessable",
      message: "the file is damaged",
    });
  });

  it.each(["broken/image00971.jpg", "broken/image01088.jpg", "broken/image01137.jpg"])(
    "%s (invalid EXIF, good pixels) gives a correct image",
    async (file) => {
      const result = await run(photos + file);
      await expectWellFormed(result);
      expect(result.exif).toEqual({ camera: {}, exposure: {} });
      const original = await sharp(photos + file)
        .png()
        .toBuffer();
      // These are sharp-edged graphics, so WebP at quality 80 differs by a few levels; grey or garbage
      // would differ by tens.
      expect(await difference(result.variants.at(-1)!.data, original)).toBeLessThan(8);
    },
  );

  it("refuses truncated PNG and WebP and a JPEG with only a header", async () => {
    const source = sharp(photos + "gps/DSCN0010.jpg");
    const png = await source.clone().png().toBuffer();
    const webp = await source.clone().webp().toBuffer();
    const jpeg = await source.clone().jpeg().toBuffer();
    const damaged = { code: "unprocessable", message: "the file is damaged" };
    await expect(run(png.subarray(0, png.length / 2), "png")).rejects.toMatchObject(damaged);
    await expect(run(webp.subarray(0, webp.length / 2), "webp")).rejects.toMatchObject(damaged);
    await expect(run(jpeg.subarray(0, jpeg.length - 2000))).rejects.toMatchObject(damaged);
  });
});

describe("other inputs", () => {
  it("re-encodes a JPEG/HTML polyglot into clean WebP", async () => {
    const result = await run(await jpegHtmlPolyglot());
    expect(result.variants.map((v) => v.width)).toEqual([50, 64]);
    for (const variant of result.variants) {
      expect(variant.data.includes("<script")).toBe(false);
      expect(variant.data.includes("<html")).toBe(false);
    }
  });

  it("takes the first frame of an animated GIF and says it is animated", async () => {
    const result = await run(await animatedGif(3, 300, 200), "gif");
    expect(result.animated).toBe(true);
    expect(result.variants.map((v) => [v.width, v.height])).toEqual([
      [50, 33],
      [240, 160],
      [300, 200],
    ]);
    expect((await sharp(result.variants[2]!.data).metadata()).pages ?? 1).toBe(1);
  });

  it("handles transparency, 16-bit greyscale and CMYK", async () => {
    const transparent = await sharp({
      create: { width: 300, height: 200, channels: 4, background: { r: 255, g: 0, b: 0, alpha: 0.5 } },
    })
      .png()
      .toBuffer();
    const withAlpha = await run(transparent, "png");
    expect((await sharp(withAlpha.variants[1]!.data).metadata()).hasAlpha).toBe(true);

    const grey16 = await sharp({ create: { width: 300, height: 200, channels: 3, background: "#808080" } })
      .toColourspace("grey16")
      .png()
      .toBuffer();
    const grey = await run(grey16, "png");
    const greyStats = await sharp(grey.variants[1]!.data).stats();
    expect(greyStats.channels[0]!.mean).toBeCloseTo(128, -1);

    const cmyk = await sharp({ create: { width: 300, height: 200, channels: 3, background: "#3366cc" } })
      .toColourspace("cmyk")
      .jpeg()
      .toBuffer();
    const fromCmyk = await run(cmyk);
    const [r, g, b] = (await sharp(fromCmyk.variants[1]!.data).stats()).channels.map((c) => c.mean);
    expect(b).toBeGreaterThan(r! + 60);
    expect(b).toBeGreaterThan(g! + 30);
  });
});
