import "server-only";
import type { DbTransaction } from "@/server/db/client";

/**
 * Gives these photos new media secrets, in the caller's transaction: every media URL of theirs
 * changes, and the old ones answer 404 from the next request on. For a change of what the media
 * shows (not of who may see it, which bumps access_version and gets a new secret from the trigger
 * `photos_media_secret`). The same write bumps the owner's page version (cached pages and feeds
 * link the new URLs) and queues a purge of the old URLs from shared caches (`purge-media`, both
 * by triggers: migration 20261208000100_media_secrets). Returns how many photos matched.
 */
export async function rotateMediaSecret(
  tx: Pick<DbTransaction, "$executeRaw">,
  photoIds: readonly string[],
): Promise<number> {
  if (photoIds.length === 0) return 0;
  return tx.$executeRaw`
    UPDATE photos SET media_secret = new_media_secret(), updated_at = now()
    WHERE id = ANY(${[...photoIds]}::uuid[])`;
}
