import "server-only";
import { AppError } from "@/server/errors/app-error";
import type { StaleMedia } from "./purge-nginx-cache";
import { mediaCacheTag } from "./shared-caches";

export interface VercelPurgeTarget {
  apiUrl: string;
  token: string;
  project: string;
  team?: string;
}

// Tags per API call: each is ~60 characters, well inside what one request body may carry.
const TAGS_PER_CALL = 100;

/**
 * Deletes these URLs from Vercel's CDN by their tags (`Vercel-Cache-Tag`, shared-caches.ts) through
 * its REST API, `POST /v1/edge-cache/dangerously-delete-by-tags`: deleted, not invalidated, because
 * an invalidated entry is still served once while it revalidates in the background, and this one is
 * no longer anyone's to see. A refusal (a bad token, say) throws, and the job is tried again.
 */
export async function purgeVercelCache(
  target: VercelPurgeTarget,
  media: readonly StaleMedia[],
): Promise<void> {
  const tags = media.map(({ photoId, secret }) => mediaCacheTag(photoId, secret));
  const url = new URL(`${target.apiUrl}/v1/edge-cache/dangerously-delete-by-tags`);
  url.searchParams.set("projectIdOrName", target.project);
  if (target.team) url.searchParams.set("teamId", target.team);
  for (let i = 0; i < tags.length; i += TAGS_PER_CALL) {
    const res = await fetch(url, {
      method: "POST",
      headers: { Authorization: `Bearer ${target.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ tags: tags.slice(i, i + TAGS_PER_CALL) }),
      signal: AbortSignal.timeout(15_000),
    }).catch((error: unknown) => {
      throw new AppError("unavailable", "Vercel's cache purge did not answer", { cause: error });
    });
    const text = await res.text();
    if (!res.ok)
      throw new AppError("unavailable", `Vercel's cache purge answered ${res.status}: ${text.slice(0, 200)}`);
  }
}
