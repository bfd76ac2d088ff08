import "server-only";
import { AppError } from "@/server/errors/app-error";
import { SHARED_CACHE_FILES } from "./shared-caches";

/** A photo's media under one secret: the URLs `/media/<photoId>/<secret>/<file>`. */
export interface StaleMedia {
  photoId: string;
  secret: string;
}

// PURGE requests in flight at once per nginx: a bulk change of thousands of photos is ten a photo.
const CONCURRENCY = 8;

/**
 * Removes these URLs from each nginx's proxy_cache through its purge endpoint (Debian's
 * libnginx-mod-http-cache-purge, set up as docs/deploy-node-host.md shows): `<base>/media/<id>/
 * <secret>/<file>` for each file a shared cache may keep. The module knows exact keys only, which is
 * why only those files are shared-cacheable. 200 is purged, 404 was not cached; anything else
 * (or no answer) throws, and the job is tried again.
 */
export async function purgeNginxCache(
  baseUrls: readonly string[],
  media: readonly StaleMedia[],
): Promise<void> {
  const urls = baseUrls.flatMap((base) =>
    media.flatMap(({ photoId, secret }) =>
      SHARED_CACHE_FILES.map((file) => `${base}/media/${photoId}/${secret}/${file}`),
    ),
  );
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++]!;
      const res = await fetch(url, { signal: AbortSignal.timeout(10_000) }).catch((error: unknown) => {
        throw new AppError("unavailable", `nginx purge ${url} failed`, { cause: error });
      });
      await res.body?.cancel();
      if (res.status !== 200 && res.status !== 404)
        throw new AppError("unavailable", `nginx purge ${url} answered ${res.status}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, urls.length) }, worker));
}
