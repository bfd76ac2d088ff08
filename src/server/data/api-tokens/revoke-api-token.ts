import "server-only";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { isUuid } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";

/**
 * Revokes one of the viewer's tokens; the next request carrying it gets 401 (every request looks the
 * token up). Someone else's token id is not found.
 */
export async function revokeApiToken(viewer: NonNullable<Viewer>, tokenId: string): Promise<void> {
  if (!isUuid(tokenId)) throw new AppError("not_found", "No such token");
  const { count } = await db().apiToken.updateMany({
    where: { id: tokenId, userId: viewer.id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw new AppError("not_found", "No such token");
}
