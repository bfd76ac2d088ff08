import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { processImage, type ProcessedVariant } from "./process-image";
import { WATERMARK_MIN_WIDTH } from "./watermark";

const photo = fileURLToPath(new URL("../../../test/fixtures/photos/large/jolla.jpg", import.meta.url));
const run = (watermark?: Parameters<typeof processImage>[1]["watermark"]) =>
  processImage(photo, { kind: "jpeg", maxPixels: 100_000_000, watermark });

// WebP's lossy encoder tunes its quantisers to the whole picture, so a mark in one corner nudges
// every pixel by a level or two; a changed pixel is one that moved by more than that noise.
const CHANGED = 40;

/** The share of pixels that changed, inside and outside the box [x0, x1) × [y0, y1). */
async function compare(a: ProcessedVariant, b: ProcessedVariant, box: [number, number, number, number]) {
  const [ra, rb] = await Promise.all([a, b].map((v) => sharp(v.data).removeAlpha().raw().toBuffer()));
  const [x0, x1, y0, y1] = box;
  const count = { in: 0, inChanged: 0, out: 0, outChanged: 0 };
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      const i = (y * a.width + x) * 3;
      let d = 0;
      for (let c = 0; c < 3; c++) d = Math.max(d, Math.abs(ra![i + c]! - rb![i + c]!));
      const inside = x >= x0 && x < x1 && y >= y0 && y < y1;
      if (inside) count.in++;
      else count.out++;
      if (d > CHANGED) {
        if (inside) count.inChanged++;
        else count.outChanged++;
      }
    }
  }
  return { inside: count.inChanged / count.in, outside: count.outChanged / count.out };
}

describe("watermarks", () => {
  it("are drawn in the chosen corner of display variants from 800 px up, never on smaller ones", async () => {
    const [plain, marked] = await Promise.all([
      run(),
      run({ text: "© Ana Lima", corner: "BOTTOM_RIGHT", opacity: 80 }),
    ]);
    expect(marked.variants.map((v) => v.width)).toEqual(plain.variants.map((v) => v.width));
    for (const [i, v] of marked.variants.entries()) {
      const before = plain.variants[i]!;
      if (v.width < WATERMARK_MIN_WIDTH) {
        expect(v.data.equals(before.data), `w${v.width}`).toBe(true);
        continue;
      }
      // The bottom-right corner's box (half the width, a fifth of the height) holds the whole mark.
      const box: [number, number, number, number] = [v.width / 2, v.width, (v.height * 4) / 5, v.height];
      const { inside, outside } = await compare(before, v, box);
      expect(inside, `w${v.width} inside`).toBeGreaterThan(0.02);
      expect(outside, `w${v.width} outside`).toBe(0);
    }
    // The placeholder comes from the unmarked base.
    expect(marked.thumbhash).toBe(plain.thumbhash);
  });

  it("follow the corner: top left leaves the bottom right alone", async () => {
    const [plain, marked] = await Promise.all([
      run(),
      run({ text: "<b>&amp;</b>", corner: "TOP_LEFT", opacity: 100 }),
    ]);
    const before = plain.variants.find((v) => v.width === 1600)!;
    const after = marked.variants.find((v) => v.width === 1600)!;
    const { inside, outside } = await compare(before, after, [0, after.width / 2, 0, after.height / 5]);
    expect(inside).toBeGreaterThan(0.02);
    expect(outside).toBe(0);
  });
});
