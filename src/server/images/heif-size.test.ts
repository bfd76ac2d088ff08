import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { heifGrid } from "../../../test/fixtures/images/heif-grid";
import { HeifFormatError, parseHeif } from "./heif-container";
import { heifDecodeSize } from "./heif-size";

const photos = fileURLToPath(new URL("../../../test/fixtures/photos/", import.meta.url));
const iphone = readFileSync(photos + "heic/IMG_5195.HEIC");

describe("heifDecodeSize", () => {
  it("sizes an iPhone grid from its 42 tiles and a single-image HEIF from its ispe", () => {
    expect(heifDecodeSize(iphone)).toEqual({ width: 2566, height: 3313, pixels: 42 * 512 * 512 });
    const single = readFileSync(photos + "heic/samplefilehub.heif");
    expect(heifDecodeSize(single)).toEqual({ width: 640, height: 426, pixels: 640 * 426 });
  });

  it("reads the grid's output size, not the header's claim", () => {
    const grid = heifGrid(iphone, { across: 3, down: 2, claimed: 64, brand: "heic" });
    expect(heifDecodeSize(grid)).toEqual({ width: 1536, height: 1024, pixels: 6 * 512 * 512 });
  });

  it("refuses a grid that lists itself as a tile", () => {
    const grid = heifGrid(iphone, { across: 2, down: 1, claimed: 64, brand: "heic" });
    const dimg = grid.indexOf("dimg");
    // from (2 bytes), count (2), then the first tile's id: make it the grid's own.
    grid.writeUInt16BE(1, dimg + 8);
    expect(() => heifDecodeSize(grid)).toThrow(/derived from itself/);
  });

  it("refuses a container cut short or without its boxes", () => {
    for (const broken of [iphone.subarray(0, 300), iphone.subarray(0, 24), Buffer.alloc(40)]) {
      expect(() => parseHeif(broken)).toThrow(HeifFormatError);
    }
    const grid = heifGrid(iphone, { across: 2, down: 1, claimed: 64, brand: "heic" });
    // The grid's description (in idat) claims to lie past the end of it.
    const iloc = grid.indexOf("iloc");
    grid.writeUInt32BE(1000, iloc + 8 + 4 + 8 + 4);
    expect(() => heifDecodeSize(grid)).toThrow(/outside the file/);
  });
});
