import "server-only";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { isUuid } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";

/**
 * Turns one of the viewer's links off for good. Every read checks the link in the database, so the
 * page and its media stop answering from the next request on. Another user's link is not_found.
 */
export async function revokeShareLink(viewer: NonNullable<Viewer>, linkId: string): Promise<void> {
  if (!isUuid(linkId)) throw new AppError("not_found", "No such link");
  const { count } = await db().shareLink.updateMany({
    where: { id: linkId, createdById: viewer.id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw new AppError("not_found", "No such link");
}
