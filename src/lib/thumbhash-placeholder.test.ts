import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { placeholderDataUrl } from "./thumbhash-placeholder";

describe("placeholderDataUrl", () => {
  it("renders a ThumbHash as a small PNG of the photo's shape and colours", async () => {
    // A landscape, opaque hash made by thumbhash from a 100 × 75 orange-to-blue gradient.
    const { rgbaToThumbHash } = await import("thumbhash");
    const rgba = new Uint8Array(100 * 75 * 4);
    for (let i = 0; i < 100 * 75; i++) rgba.set([230 - (i % 100), 120, 40 + (i % 100) * 2, 255], i * 4);
    const hash = Buffer.from(rgbaToThumbHash(100, 75, rgba)).toString("base64");
    const url = placeholderDataUrl(hash)!;
    expect(url).toMatch(/^data:image\/png;base64,/);
    expect(url.length).toBeLessThan(600);
    const png = Buffer.from(url.slice(url.indexOf(",") + 1), "base64");
    const meta = await sharp(png).metadata();
    expect([meta.width, meta.height, meta.channels]).toEqual([8, 6, 3]);
    const { channels } = await sharp(png).stats();
    // Red fades left to right while blue grows: the left column is redder than the right.
    const { data } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]!).toBeGreaterThan(data[(8 - 1) * 3]!);
    expect(channels[0]!.mean).toBeGreaterThan(100);
    expect(placeholderDataUrl(hash)).toBe(url);
    expect(placeholderDataUrl("AAE=")).toBeNull();
  });
});
