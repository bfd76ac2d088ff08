import "server-only";
import { z } from "zod";
import { env } from "@/env";
import { AppError } from "@/server/errors/app-error";
import { purgeNginxCache } from "@/server/media/purge-nginx-cache";
import { purgeVercelCache } from "@/server/media/purge-vercel-cache";

// Queued by the photos triggers (migration 20261208000100_media_secrets): the photo's old secret.
const payloadSchema = z.object({
  media: z.array(z.object({ photoId: z.uuid(), secret: z.string().regex(/^[0-9a-f]{16}$/) })),
});

/**
 * Purges the old media URLs of photos whose access narrowed (or that were deleted) from the shared
 * caches this deployment names: nginx's (MEDIA_PURGE_NGINX_URLS) and Vercel's CDN
 * (MEDIA_PURGE_VERCEL_*). With neither set there is nothing to do: shared caches then let go of them
 * within MEDIA_SHARED_MAX_AGE_SECONDS.
 */
export async function purgeMedia(payload: unknown): Promise<void> {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) throw new AppError("bad_request", "a purge-media job without its media");
  const { media } = parsed.data;
  const config = env();
  await Promise.all([
    config.MEDIA_PURGE_NGINX_URLS.length > 0 && purgeNginxCache(config.MEDIA_PURGE_NGINX_URLS, media),
    config.MEDIA_PURGE_VERCEL_TOKEN &&
      config.MEDIA_PURGE_VERCEL_PROJECT &&
      purgeVercelCache(
        {
          apiUrl: config.MEDIA_PURGE_VERCEL_API_URL,
          token: config.MEDIA_PURGE_VERCEL_TOKEN,
          project: config.MEDIA_PURGE_VERCEL_PROJECT,
          team: config.MEDIA_PURGE_VERCEL_TEAM,
        },
        media,
      ),
  ]);
}
