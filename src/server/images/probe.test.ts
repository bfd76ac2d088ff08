import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors/app-error";
import { animatedGif, decompressionBombPng } from "../../../test/fixtures/images/generate";
import { assertWithinLimits, probeImage } from "./probe";
import { processImage } from "./process-image";

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
    expect(await probeImage(photos + "heic/IMG_5195.HEIC", "heic")).toEqual({
      width: 2566,
      height: 3313,
      frames: 1,
    });
    const buffer = readFileSync(photos + "heic/samplefilehub.heif");
    expect(await probeImage(buffer, "heic")).toEqual({ width: 640, height: 426, frames: 1 });
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
