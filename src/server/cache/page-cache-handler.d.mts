// Types for page-cache-handler.mjs (plain JavaScript: Next loads it by path, outside the bundle).
export function personOf(key: string): string | null;
export default class PageCacheHandler {
  get(key: string): Promise<{ lastModified: number; value: unknown } | null>;
  set(key: string, value: unknown): Promise<void>;
  revalidateTag(): Promise<void>;
  resetRequestCache(): void;
}
/** Drops the least recently used `fraction` of the pages; what it dropped. */
export function shed(fraction: number): { entries: number; bytes: number };
