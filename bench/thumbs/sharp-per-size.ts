// Contender (b1): the bare sharp script most people would write: one pipeline per size, all at once,
// each from the file (libjpeg shrink-on-load makes the small ones cheap), same WebP settings.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { rgbaToThumbHash } from "thumbhash";
import { variantSizes, WEBP_OPTIONS } from "@/server/images/variants";
import type { Contender } from "./contender";

export const sharpPerSize: Contender = {
  async process(file, outDir) {
    const { autoOrient } = await sharp(file).metadata();
    const sizes = variantSizes(autoOrient.width, autoOrient.height);
    const thumbhash = async () => {
      const { data, info } = await sharp(file)
        .rotate()
        .resize(100, 100, { fit: "inside" })
        .ensureAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      const hash = Buffer.from(rgbaToThumbHash(info.width, info.height, data)).toString("base64");
      await writeFile(path.join(outDir, "thumbhash.txt"), hash);
    };
    await Promise.all([
      ...[...sizes].reverse().map((s) =>
        sharp(file, { failOn: "error" })
          .rotate()
          .resize(s.width, s.height, { fit: "fill" })
          .webp(WEBP_OPTIONS)
          .toFile(path.join(outDir, `w${s.width}.webp`)),
      ),
      thumbhash(),
    ]);
  },
};
