import "server-only";
import { env } from "@/env";
import { VARIANT_LADDER } from "@/server/images/variants";

/**
 * What a shared cache (the documented nginx proxy_cache, a CDN) may keep of a public photo: the
 * ladder's widths, which are the only ones the app links (src/lib/image-loader.ts), and the original.
 * A purge names exactly these, so another width is answered for browsers only.
 */
export const SHARED_CACHE_FILES: readonly string[] = [...VARIANT_LADDER.map((w) => `w${w}.webp`), "original"];
const sharedFiles = new Set(SHARED_CACHE_FILES);

/**
 * Cache-Control of a public photo's media, kept by browsers for `browserMaxAgeS` under a URL that
 * changes when access narrows. Shared caches ask again after MEDIA_SHARED_MAX_AGE_SECONDS (`s-maxage`
 * wins over `max-age` for them; nginx and Vercel honour it): the bound on a copy whose purge failed.
 * A file no purge names (a width off the ladder) is `s-maxage=0`: shared caches do not keep it.
 */
export function publicMediaCacheControl(file: string, browserMaxAgeS: number, immutable: boolean): string {
  const shared = sharedFiles.has(file) ? env().MEDIA_SHARED_MAX_AGE_SECONDS : 0;
  return `public, max-age=${browserMaxAgeS}${immutable ? ", immutable" : ""}, s-maxage=${shared}`;
}

/** Vercel's CDN purges by tag: one per photo and secret, so a purge takes exactly the old URLs. */
export function mediaCacheTag(photoId: string, secret: string): string {
  return `media-${photoId}-${secret}`;
}

/**
 * The headers that let a shared cache keep a public photo's media: Cache-Control, and with Vercel's
 * purge configured, the tag it is purged by (Vercel's CDN reads `Vercel-Cache-Tag` and strips it).
 */
export function publicMediaCacheHeaders(
  photo: { id: string; mediaSecret: string },
  file: string,
  browserMaxAgeS: number,
  immutable = true,
): Record<string, string> {
  const headers: Record<string, string> = {
    "Cache-Control": publicMediaCacheControl(file, browserMaxAgeS, immutable),
  };
  if (env().MEDIA_PURGE_VERCEL_TOKEN && sharedFiles.has(file))
    headers["Vercel-Cache-Tag"] = mediaCacheTag(photo.id, photo.mediaSecret);
  return headers;
}
