import "server-only";
import { rgbaToThumbHash, thumbHashToDataURL } from "thumbhash";

/** ThumbHash's input limit: the render it encodes must fit in this square. */
export const THUMBHASH_MAX_SIZE = 100;

/** Encodes a ≤ 100 × 100 RGBA render (not premultiplied) as base64 ThumbHash bytes (about 25 bytes). */
export function encodeThumbhash(width: number, height: number, rgba: Uint8Array): string {
  return Buffer.from(rgbaToThumbHash(width, height, rgba)).toString("base64");
}

/**
 * A `data:image/png` placeholder (about 32 px on its longer side, blurred) for `<img>` or next/image's
 * `blurDataURL`. Pure: the same function works in the browser if a client component needs it.
 */
export function thumbhashToDataUrl(base64: string): string {
  return thumbHashToDataURL(Buffer.from(base64, "base64"));
}
