// next/image may only ask for widths the pipeline makes: the config, the loader and the ladder agree.
import { describe, expect, it } from "vitest";
import nextConfig from "../next.config";
import imageLoader from "@/lib/image-loader";
import { VARIANT_LADDER } from "@/server/images/variants";

describe("image sizes", () => {
  it("next.config's device and image sizes are rungs of the variant ladder", () => {
    const sizes = [...(nextConfig.images?.deviceSizes ?? []), ...(nextConfig.images?.imageSizes ?? [])];
    expect(sizes.length).toBeGreaterThan(0);
    for (const size of sizes) expect(VARIANT_LADDER).toContain(size);
  });

  it("the loader maps any width to the nearest rung at or above it, and leaves other images alone", () => {
    const src = "/media/0b7c1e9e-8d5e-4f55-9d59-2f4f3f0e2a11/3";
    expect(imageLoader({ src, width: 50, quality: 75 })).toBe(`${src}/w50.webp`);
    expect(imageLoader({ src, width: 96, quality: 75 })).toBe(`${src}/w240.webp`);
    expect(imageLoader({ src, width: 640, quality: 75 })).toBe(`${src}/w640.webp`);
    expect(imageLoader({ src, width: 4000, quality: 75 })).toBe(`${src}/w2048.webp`);
    for (let w = 1; w <= 3000; w += 7) {
      const rung = Number(/\/w(\d+)\.webp$/.exec(imageLoader({ src, width: w, quality: 75 }))![1]);
      expect(VARIANT_LADDER).toContain(rung);
    }
    expect(imageLoader({ src: "/icon.svg", width: 64, quality: 75 })).toBe("/icon.svg");
  });

  it("keeps a share link's query after the variant's file name", () => {
    const src = "/media/0b7c1e9e-8d5e-4f55-9d59-2f4f3f0e2a11/3?s=Abc-_123";
    expect(imageLoader({ src, width: 300, quality: 75 })).toBe(
      "/media/0b7c1e9e-8d5e-4f55-9d59-2f4f3f0e2a11/3/w320.webp?s=Abc-_123",
    );
  });
});
