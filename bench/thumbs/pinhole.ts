// Contender (a): Pinhole's own pipeline, exactly as the job runner calls it (probe, limits, EXIF, decode
// once, ladder, ThumbHash), plus writing the files as a storage driver would.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { processImage } from "@/server/images/process-image";
import type { Contender } from "./contender";

export const pinhole: Contender = {
  async process(file, outDir) {
    const result = await processImage(file, { kind: "jpeg", maxPixels: 100_000_000 });
    await Promise.all([
      ...result.variants.map((v) => writeFile(path.join(outDir, `w${v.width}.webp`), v.data)),
      writeFile(path.join(outDir, "thumbhash.txt"), result.thumbhash),
    ]);
  },
};
