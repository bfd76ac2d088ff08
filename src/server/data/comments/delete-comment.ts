import "server-only";
import { visiblePhotoWhere } from "@/server/policy/access";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { isUuid } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";

/**
 * Deletes a comment: its author may, and so may the owner of the photo it is on. Anyone else (or a
 * photo the viewer can no longer see) gets not found. comment_count moves in the same transaction.
 */
export async function deleteComment(viewer: NonNullable<Viewer>, commentId: string): Promise<void> {
  if (!isUuid(commentId)) throw new AppError("not_found", "No such comment");
  const deleted = await db().$transaction(async (tx) => {
    const comment = await tx.comment.findFirst({
      where: {
        id: commentId,
        photo: visiblePhotoWhere(viewer),
        OR: [{ authorId: viewer.id }, { photo: { ownerId: viewer.id } }],
      },
      select: { id: true, photoId: true, hiddenAt: true },
    });
    if (!comment) return false;
    const { count } = await tx.comment.deleteMany({ where: { id: comment.id } });
    // A hidden comment stopped counting when a moderator hid it (hide-content.ts).
    if (count > 0 && !comment.hiddenAt) {
      await tx.$executeRaw`UPDATE photos SET comment_count = GREATEST(comment_count - 1, 0)
        WHERE id = ${comment.photoId}::uuid`;
    }
    return count > 0;
  });
  if (!deleted) throw new AppError("not_found", "No such comment");
}
