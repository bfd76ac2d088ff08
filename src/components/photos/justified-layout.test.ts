import { describe, expect, it } from "vitest";
import { justifyRows, targetRowHeight } from "./justified-layout";

const landscape = { width: 4000, height: 3000 };
const portrait = { width: 3000, height: 4000 };
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe("justifyRows", () => {
  it("fills every full row exactly, keeps aspect ratios, and leaves the last row at the target height", () => {
    const items = Array.from({ length: 23 }, (_, i) => (i % 3 === 0 ? portrait : landscape));
    const rows = justifyRows(items, { containerWidth: 1000, targetHeight: 220, gap: 4 });
    expect(sum(rows.map((r) => r.widths.length))).toBe(23);
    for (const row of rows.slice(0, -1)) {
      expect(row.partial).toBe(false);
      expect(sum(row.widths) + 4 * (row.widths.length - 1)).toBeCloseTo(1000, 6);
      row.widths.forEach((w, i) => {
        const item = items[row.start + i]!;
        expect(w / row.height).toBeCloseTo(item.width / item.height, 6);
      });
      // Closest to the target: never wildly off it.
      expect(row.height).toBeGreaterThan(150);
      expect(row.height).toBeLessThan(300);
    }
    const last = rows.at(-1)!;
    expect(last.partial).toBe(true);
    expect(last.height).toBe(220);
    expect(sum(last.widths)).toBeLessThan(1000);
    // Rows are contiguous, in order.
    rows.forEach(
      (row, i) => i > 0 && expect(row.start).toBe(rows[i - 1]!.start + rows[i - 1]!.widths.length),
    );
  });

  it("keeps or drops the photo that takes a row below the target, whichever is closer", () => {
    // In 600 px, two 4:3 photos fill a row 225 px high and three 150 px: two are closer to 220.
    const two = justifyRows([landscape, landscape, landscape, landscape], {
      containerWidth: 600,
      targetHeight: 220,
      gap: 0,
    });
    expect(two[0]!.widths).toHaveLength(2);
    expect(two[0]!.height).toBeCloseTo(225, 6);
    // In 800 px, two would be 300 px high and three 200 px: three are closer.
    const wide = justifyRows([landscape, landscape, landscape, landscape], {
      containerWidth: 800,
      targetHeight: 220,
      gap: 0,
    });
    expect(wide[0]!.widths).toHaveLength(3);
    expect(wide[0]!.height).toBeCloseTo(200, 6);
  });

  it("crops panoramas and slivers rather than letting them take over a row", () => {
    const rows = justifyRows(
      [
        { width: 10000, height: 1000 },
        { width: 100, height: 1000 },
      ],
      {
        containerWidth: 2000,
        targetHeight: 220,
        gap: 0,
      },
    );
    expect(rows[0]!.widths[0]! / rows[0]!.height).toBe(3);
    expect(rows[0]!.widths[1]! / rows[0]!.height).toBe(0.5);
  });

  it("copes with nothing to lay out, no width, and unknown sizes", () => {
    expect(justifyRows([], { containerWidth: 800, targetHeight: 220, gap: 4 })).toEqual([]);
    expect(justifyRows([landscape], { containerWidth: 0, targetHeight: 220, gap: 4 })).toEqual([]);
    const [row] = justifyRows([{ width: 0, height: 0 }], { containerWidth: 800, targetHeight: 220, gap: 4 });
    expect(row).toEqual({ start: 0, height: 220, widths: [220], partial: true });
  });

  it("aims lower on phones", () => {
    expect(targetRowHeight(375)).toBe(140);
    expect(targetRowHeight(1100)).toBe(220);
  });
});
