// Contender (b2): the fastest bare sharp script we know: decode once to raw at the largest size, then
// resize and encode every rung from that buffer in parallel. Pinhole's pipeline without probe, limits,
// EXIF or error mapping, so the ratio shows what those cost.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { rgbaToThumbHash } from "thumbhash";
import { variantSizes, WEBP_OPTIONS } from "@/server/images/variants";
import type { Contender } from "./contender";

export const sharpDecodeOnce: Contender = {
  async process(file, outDir) {
    const { autoOrient } = await sharp(file).metadata();
    const sizes = variantSizes(autoOrient.width, autoOrient.height);
    const top = sizes[sizes.length - 1]!;
    const { data, info } = await sharp(file, { failOn: "error", autoOrient: true })
      .resize(top.width, top.height, { fit: "fill" })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const raw = { width: info.width, height: info.height, channels: info.channels };
    const thumbhash = async () => {
      const small = await sharp(data, { raw })
        .resize(100, 100, { fit: "inside" })
        .ensureAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      const hash = Buffer.from(rgbaToThumbHash(small.info.width, small.info.height, small.data)).toString(
        "base64",
      );
      await writeFile(path.join(outDir, "thumbhash.txt"), hash);
    };
    await Promise.all([
      ...[...sizes]
        .reverse()
        .map((s) =>
          (s === top ? sharp(data, { raw }) : sharp(data, { raw }).resize(s.width, s.height, { fit: "fill" }))
            .webp(WEBP_OPTIONS)
            .toFile(path.join(outDir, `w${s.width}.webp`)),
        ),
      thumbhash(),
    ]);
  },
};
