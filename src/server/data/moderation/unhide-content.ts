import "server-only";
import type { ReportTarget } from "@/lib/schemas/report";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { notify } from "@/server/data/notifications/create-notification";
import { requireAdmin } from "@/server/policy/admin";
import { isUuid } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";

/**
 * A moderator takes back a decision: the photo or comment is visible again to whoever its settings
 * let in, and its owner is told. The photo keeps the access version hiding gave it (widening access
 * needs no new URLs); the row change bumps the owner's page version, so cached pages show it again.
 */
export async function unhideContent(viewer: Viewer, target: ReportTarget): Promise<void> {
  requireAdmin(viewer);
  const what = target.kind === "photo" ? "photo" : "comment";
  const notFound = new AppError("not_found", `No such hidden ${what}`);
  if (!isUuid(target.id)) throw notFound;

  const restored = await db().$transaction(async (tx) => {
    if (target.kind === "photo") {
      const photo = await tx.photo.findFirst({
        where: { id: target.id, deletedAt: null, hiddenAt: { not: null } },
        select: { ownerId: true, title: true },
      });
      if (!photo) return null;
      await tx.photo.update({
        where: { id: target.id },
        data: { hiddenAt: null, hiddenReason: null },
        select: { id: true },
      });
      return { ownerId: photo.ownerId, photoId: target.id, commentId: null, title: photo.title };
    }
    const comment = await tx.comment.findFirst({
      where: { id: target.id, hiddenAt: { not: null } },
      select: { authorId: true, photoId: true, photo: { select: { title: true } } },
    });
    if (!comment) return null;
    await tx.comment.update({
      where: { id: target.id },
      data: { hiddenAt: null, hiddenReason: null },
      select: { id: true },
    });
    // It counts again (hiding took it out of the count).
    await tx.$executeRaw`UPDATE photos SET comment_count = comment_count + 1 WHERE id = ${comment.photoId}::uuid`;
    return {
      ownerId: comment.authorId,
      photoId: comment.photoId,
      commentId: target.id,
      title: comment.photo.title,
    };
  });
  if (!restored) throw notFound;

  const on = restored.title.trim() ? ` “${restored.title.trim()}”` : "";
  await notify({
    recipientId: restored.ownerId,
    type: "MODERATION",
    actorId: null,
    photoId: restored.photoId,
    commentId: restored.commentId,
    message:
      target.kind === "photo"
        ? `A moderator restored your photo${on}: everyone it is shared with can see it again`
        : `A moderator restored your comment on${on || " a photo"}`,
  });
}
