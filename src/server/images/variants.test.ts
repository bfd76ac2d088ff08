import { describe, expect, it } from "vitest";
import {
  DISPLAY_WIDTHS,
  MAX_DISPLAY_WIDTH,
  MAX_VARIANT_HEIGHT,
  THUMBNAIL_WIDTH,
  VARIANT_LADDER,
  variantSizes,
} from "./variants";

const widths = (w: number, h: number) => variantSizes(w, h).map((s) => s.width);

describe("variantSizes", () => {
  it("gives an 8 MP photo the whole ladder", () => {
    expect(widths(3264, 2448)).toEqual([...VARIANT_LADDER]);
    expect(variantSizes(3264, 2448).at(-1)).toEqual({ width: 2048, height: 1536 });
    expect(variantSizes(3264, 2448)[0]).toEqual({ width: 50, height: 38 });
  });

  it("never upscales: a narrow photo gets the rungs below its width plus its own width", () => {
    expect(widths(600, 450)).toEqual([50, 240, 320, 500, 600]);
    expect(widths(640, 480)).toEqual([50, 240, 320, 500, 640]);
    expect(widths(100, 68)).toEqual([50, 100]);
  });

  it("stops at 2048 without repeating it", () => {
    expect(widths(2048, 1536)).toEqual([...VARIANT_LADDER]);
    expect(widths(2049, 1000).at(-1)).toBe(2048);
  });

  it("keeps a photo narrower than the thumbnail at its own size", () => {
    expect(variantSizes(40, 30)).toEqual([{ width: 40, height: 30 }]);
    expect(variantSizes(1, 1)).toEqual([{ width: 1, height: 1 }]);
    expect(variantSizes(0, 10)).toEqual([]);
  });

  it("keeps every variant within WebP's height limit", () => {
    const sizes = variantSizes(2000, 60000);
    for (const size of sizes) expect(size.height).toBeLessThanOrEqual(MAX_VARIANT_HEIGHT);
    expect(sizes.at(-1)).toEqual({ width: 546, height: MAX_VARIANT_HEIGHT });
    expect(new Set(sizes.map((s) => s.width)).size).toBe(sizes.length);
  });

  it("exports a ladder the config and the media route can use", () => {
    expect(VARIANT_LADDER[0]).toBe(THUMBNAIL_WIDTH);
    expect(MAX_DISPLAY_WIDTH).toBe(DISPLAY_WIDTHS.at(-1));
    expect([...VARIANT_LADDER]).toEqual([...VARIANT_LADDER].sort((a, b) => a - b));
  });
});
