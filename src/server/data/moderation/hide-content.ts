import "server-only";
import type { ReportTarget } from "@/lib/schemas/report";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { notify } from "@/server/data/notifications/create-notification";
import { requireAdmin } from "@/server/policy/admin";
import { isUuid } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";

/**
 * A moderator hides a photo or comment: from then on only its owner (or author) sees it, with the
 * reason, and everyone else gets "not found" everywhere (the policy's conditions all test
 * `hidden_at`). The target's open reports are closed as actioned in the same transaction, and the
 * owner is notified after it commits.
 *
 * Hiding a photo bumps its access version like any narrowing of access: its public media URLs may
 * sit in browser and CDN caches for a year, and the new version makes every copied URL a 404. The
 * change to the row also bumps the owner's page version (the page-cache trigger), so the cached
 * anonymous photostream drops it on the next request.
 */
export async function hideContent(viewer: Viewer, target: ReportTarget, reason: string): Promise<void> {
  requireAdmin(viewer);
  const what = target.kind === "photo" ? "photo" : "comment";
  if (!isUuid(target.id)) throw new AppError("not_found", `No such ${what}`);
  const resolved = { status: "ACTIONED" as const, resolvedById: viewer.id, resolvedAt: new Date() };

  const hidden = await db().$transaction(async (tx) => {
    if (target.kind === "photo") {
      const photo = await tx.photo.findFirst({
        where: { id: target.id, deletedAt: null },
        select: { ownerId: true, title: true, hiddenAt: true },
      });
      if (!photo) return null;
      await tx.photo.update({
        where: { id: target.id },
        data: {
          hiddenAt: photo.hiddenAt ?? new Date(),
          hiddenReason: reason,
          accessVersion: { increment: 1 },
        },
        select: { id: true },
      });
      await tx.report.updateMany({ where: { photoId: target.id, status: "OPEN" }, data: resolved });
      return { ownerId: photo.ownerId, photoId: target.id, commentId: null, title: photo.title };
    }
    const comment = await tx.comment.findFirst({
      where: { id: target.id },
      select: { authorId: true, photoId: true, hiddenAt: true, photo: { select: { title: true } } },
    });
    if (!comment) return null;
    await tx.comment.update({
      where: { id: target.id },
      data: { hiddenAt: comment.hiddenAt ?? new Date(), hiddenReason: reason },
      select: { id: true },
    });
    // Others no longer see it, so it no longer counts (deleting a hidden comment leaves the count).
    if (!comment.hiddenAt) {
      await tx.$executeRaw`UPDATE photos SET comment_count = GREATEST(comment_count - 1, 0)
        WHERE id = ${comment.photoId}::uuid`;
    }
    await tx.report.updateMany({ where: { commentId: target.id, status: "OPEN" }, data: resolved });
    return {
      ownerId: comment.authorId,
      photoId: comment.photoId,
      commentId: target.id,
      title: comment.photo.title,
    };
  });
  if (!hidden) throw new AppError("not_found", `No such ${what}`);

  const on = hidden.title.trim() ? ` “${hidden.title.trim()}”` : "";
  await notify({
    recipientId: hidden.ownerId,
    type: "MODERATION",
    // The moderator stays anonymous: the owner hears from "a moderator", not from a person.
    actorId: null,
    photoId: hidden.photoId,
    commentId: hidden.commentId,
    message:
      target.kind === "photo"
        ? `A moderator hid your photo${on}: ${reason}`
        : `A moderator hid your comment on${on || " a photo"}: ${reason}`,
  });
}
