import "server-only";
import sharp from "sharp";
import type { WatermarkCorner } from "@/lib/schemas/watermark";

/** A person's watermark as the pipeline draws it. */
export interface Watermark {
  text: string;
  corner: WatermarkCorner;
  /** 10–100 (percent). */
  opacity: number;
}

/** Display variants at least this wide carry the watermark; the 50 px and small ones never do. */
export const WATERMARK_MIN_WIDTH = 800;

interface Raw {
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

/**
 * Draws the watermark into a variant's raw pixels, in place: white text with a dark outline (legible
 * on any photo), its size a fixed share of the width so every rung looks alike, inset from the
 * corner. Only the corner's box (at most half the width, a fifth of the height) is touched; every
 * other pixel stays exactly as it was.
 */
export async function drawWatermark(pixels: Buffer, raw: Raw, mark: Watermark): Promise<void> {
  const fontSize = Math.max(12, Math.round(raw.width * 0.028));
  const margin = Math.round(fontSize * 0.8);
  const width = Math.min(
    Math.floor(raw.width / 2),
    Math.round(mark.text.length * fontSize * 0.62) + margin * 2,
  );
  const height = Math.min(Math.floor(raw.height / 5), Math.round(fontSize * 1.4) + margin * 2);
  if (width < 1 || height < 1) return;
  const atLeft = mark.corner.endsWith("LEFT");
  const left = atLeft ? 0 : raw.width - width;
  const top = mark.corner.startsWith("TOP") ? 0 : raw.height - height;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <text x="${atLeft ? margin : width - margin}" y="${height - margin}" text-anchor="${atLeft ? "start" : "end"}"
    font-family="DejaVu Sans, Arial, sans-serif" font-size="${fontSize}" font-weight="bold"
    fill="#fff" stroke="#000" stroke-width="${Math.max(1, fontSize / 16)}" paint-order="stroke"
    opacity="${mark.opacity / 100}">${escapeXml(mark.text)}</text>
</svg>`;
  let corner = sharp(pixels, { raw })
    .extract({ left, top, width, height })
    .composite([{ input: Buffer.from(svg) }]);
  if (raw.channels === 3) corner = corner.removeAlpha();
  const drawn = await corner.raw().toBuffer();
  const row = width * raw.channels;
  for (let y = 0; y < height; y++) {
    drawn.copy(pixels, ((top + y) * raw.width + left) * raw.channels, y * row, (y + 1) * row);
  }
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
