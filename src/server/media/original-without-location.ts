import "server-only";
import { env } from "@/env";
import { stripLocation, type OriginalWithoutLocation } from "@/server/images/strip-gps";
import { logger } from "@/server/log/logger";
import { storage } from "@/server/storage/storage";

// Each rewrite holds one original in memory (at most UPLOAD_MAX_BYTES, the cap it was accepted
// under) and a re-encode a decoded copy besides: two at a time bounds what downloads can take.
const MAX_CONCURRENT = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function withSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    // Hand the slot straight to the next in line, or give it back.
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/**
 * The stored original without its location (see stripLocation), or null when it is missing or larger
 * than the upload limit (one that was lowered after it was accepted: not worth holding in memory).
 */
export function readOriginalWithoutLocation(key: string): Promise<OriginalWithoutLocation | null> {
  const { UPLOAD_MAX_BYTES, UPLOAD_MAX_PIXELS } = env();
  return withSlot(async () => {
    const object = await storage().get(key);
    if (!object) return null;
    if (object.size > UPLOAD_MAX_BYTES) {
      object.body.destroy();
      logger().warn({ key, bytes: object.size }, "original over UPLOAD_MAX_BYTES; not rewritten");
      return null;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of object.body) chunks.push(chunk as Buffer);
    return stripLocation(Buffer.concat(chunks), { maxPixels: UPLOAD_MAX_PIXELS });
  });
}

/** `IMG_1234.HEIC` → `IMG_1234.jpg`, for a re-encoded copy. */
export function reencodedName(name: string): string {
  return `${name.replace(/\.[^./\\]*$/, "") || "photo"}.jpg`;
}
