import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import decodeHeic from "heic-decode";
import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors/app-error";
import { animatedGif, decompressionBombPng } from "../../../test/fixtures/images/generate";
import { heifGrid } from "../../../test/fixtures/images/heif-grid";
import { assertWithinLimits, probeImage } from "./probe";
import { processImage } from "./process-image";
import { stripLocation } from "./strip-gps";

// How many HEIC decodes the worker has been sent (heic-decode-worker numbers each request).
const heicDecodes = () => (globalThis as { pinholeHeicNext?: number }).pinholeHeicNext ?? 0;

const photos = fileURLToPath(new URL("../../../test/fixtures/photos/", import.meta.url));
const LIMIT = 100_000_000;

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("probeImage", () => {
  it("reads the size from the header, upright", async () => {
    expect(await probeImage(photos + "large/jolla.jpg", "jpeg")).toEqual({
      width: 3264,
      height: 2448,
      frames: 1,
      orientation: 1,
    });
    // Stored 600 × 450 with orientation 6: shown 450 × 600.
    expect(await probeImage(photos + "orientation/portrait_6.jpg", "jpeg")).toMatchObject({
      width: 450,
      height: 600,
      orientation: 6,
    });
  });

  it("reads HEIC headers although libvips cannot decode HEVC", async () => {
    // An iPhone photo is a grid of 6 × 7 tiles of 512 × 512, cropped: the tiles are what is decoded.
    expect(await probeImage(photos + "heic/IMG_5195.HEIC", "heic")).toEqual({
      width: 2566,
      height: 3313,
      frames: 1,
      decodedPixels: 42 * 512 * 512,
    });
    const buffer = readFileSync(photos + "heic/samplefilehub.heif");
    expect(await probeImage(buffer, "heic")).toEqual({
      width: 640,
      height: 426,
      frames: 1,
      decodedPixels: 640 * 426,
    });
  });

  it("counts the frames of an animated GIF and WebP", async () => {
    expect(await probeImage(await animatedGif(3, 40, 30), "gif")).toEqual({
      width: 40,
      height: 30,
      frames: 3,
    });
    // Frames must differ: libwebp folds identical frames into one.
    const frames = Buffer.concat([0, 1, 2, 3].map((i) => Buffer.alloc(40 * 30 * 3, i * 60)));
    const webp = await sharp(frames, { raw: { width: 40, height: 120, channels: 3, pageHeight: 30 } })
      .webp({ effort: 0 })
      .toBuffer();
    expect(await probeImage(webp, "webp")).toEqual({ width: 40, height: 30, frames: 4 });
  });

  it("calls a file whose header does not parse damaged", async () => {
    const junk = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 0x41)]);
    const error = await refusal(probeImage(junk, "jpeg"));
    expect(error).toMatchObject({ code: "unprocessable", message: "the file is damaged" });
    expect(error.cause).toBeDefined();
    const heic = await refusal(
      probeImage(readFileSync(photos + "heic/IMG_5195.HEIC").subarray(0, 60), "heic"),
    );
    expect(heic).toMatchObject({ code: "unprocessable", message: "the file is damaged" });
  });
});

describe("assertWithinLimits", () => {
  it("refuses a decompression bomb from its header, before decoding", async () => {
    const bomb = decompressionBombPng(20000, 20000);
    expect(bomb.length).toBeLessThan(100_000);
    // Refused by the header check alone: no decode happens (its speed is measured in bench/, not here).
    const error = await refusal(probeImage(bomb, "png").then((probe) => assertWithinLimits(probe, LIMIT)));
    expect(error).toMatchObject({
      code: "payload_too_large",
      message: "too large: 20000 × 20000 pixels, the limit is 100 megapixels",
    });
    await expect(processImage(bomb, { kind: "png", maxPixels: LIMIT })).rejects.toMatchObject({
      code: "payload_too_large",
    });
  });

  describe("a HEIF grid whose header claims 64 × 64", () => {
    const iphone = readFileSync(photos + "heic/IMG_5195.HEIC");
    // 20 × 20 tiles of the iPhone's 512 × 512: 10240 × 10240, 105 megapixels once decoded.
    const bomb = heifGrid(iphone, { across: 20, down: 20, claimed: 64, brand: "heic" });
    expect(bomb.length).toBeLessThan(100_000);
    const message =
      "too large: its header says 64 × 64 pixels but it decodes to 104.9 megapixels, the limit is 100 megapixels";

    it("is built like a real grid: the same file with an honest header decodes to its full size", async () => {
      const honest = heifGrid(iphone, { across: 2, down: 2, claimed: 1024, brand: "heic" });
      const decoded = await decodeHeic({ buffer: new Uint8Array(honest) });
      expect([decoded.width, decoded.height]).toEqual([1024, 1024]);
      // libvips and libheif read only the header's claim.
      expect(await probeImage(bomb, "heic")).toMatchObject({ width: 64, height: 64 });
    });

    it("is sized from its tiles and refused before any decode", async () => {
      const decodes = heicDecodes();
      expect(await probeImage(bomb, "heic")).toMatchObject({ decodedPixels: 10240 * 10240 });
      const error = await refusal(processImage(bomb, { kind: "heic", maxPixels: LIMIT }));
      expect(error).toMatchObject({ code: "payload_too_large", message });
      // The "original without location" re-encodes HEIC on anyone's request: the same check first.
      await expect(stripLocation(bomb, { maxPixels: LIMIT })).rejects.toMatchObject({
        code: "payload_too_large",
        message,
      });
      expect(heicDecodes()).toBe(decodes);
    });

    it("is refused as an AVIF too (libvips would decode every tile)", async () => {
      // libvips' libheif reads at most 256 items: 10 × 10 tiles of 1024 × 1024 is as many megapixels.
      const tile = await sharp({ create: { width: 1024, height: 1024, channels: 3, background: "#36c" } })
        .avif({ effort: 0 })
        .toBuffer();
      const avif = heifGrid(tile, { across: 10, down: 10, claimed: 64, brand: "avif" });
      expect(await probeImage(avif, "avif")).toMatchObject({ width: 64, height: 64 });
      const error = await refusal(processImage(avif, { kind: "avif", maxPixels: LIMIT }));
      expect(error).toMatchObject({ code: "payload_too_large", message });
      await expect(stripLocation(avif, { maxPixels: LIMIT })).rejects.toMatchObject({
        code: "payload_too_large",
      });
    });

    it("calls a container whose items do not add up damaged", async () => {
      // The grid names tiles that are not there.
      const broken = Buffer.from(bomb);
      const iinf = broken.indexOf("iinf");
      broken.writeUInt16BE(3, iinf + 8);
      const error = await refusal(probeImage(broken, "heic"));
      expect(error).toMatchObject({ code: "unprocessable", message: "the file is damaged" });
    });
  });

  it("counts every frame: 300 frames of 1000 × 1000 is 300 megapixels", async () => {
    const gif = await animatedGif(300);
    const error = await refusal(processImage(gif, { kind: "gif", maxPixels: LIMIT }));
    expect(error).toMatchObject({
      code: "payload_too_large",
      message: "too large: 300 frames of 1000 × 1000 pixels, the limit is 100 megapixels",
    });
  });

  it("lets through what fits, and refuses an image with no pixels", () => {
    expect(() => assertWithinLimits({ width: 10000, height: 10000, frames: 1 }, LIMIT)).not.toThrow();
    expect(() => assertWithinLimits({ width: 10000, height: 10001, frames: 1 }, LIMIT)).toThrow(/too large/);
    expect(() => assertWithinLimits({ width: 1000, height: 1000, frames: 2 }, 1_500_000)).toThrow(
      "too large: 2 frames of 1000 × 1000 pixels, the limit is 1.5 megapixels",
    );
    for (const probe of [
      { width: 0, height: 0, frames: 1 },
      { width: 10, height: 0, frames: 1 },
    ]) {
      expect(() => assertWithinLimits(probe, LIMIT)).toThrow(
        expect.objectContaining({ code: "unprocessable", message: "the image has no pixels" }),
      );
    }
  });
});
