import "server-only";
import { visiblePhotoWhere } from "@/server/policy/access";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { isUuid } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";

/** The author changes their own comment, on a photo they can still see; otherwise it is not found. */
export async function editComment(
  viewer: NonNullable<Viewer>,
  input: { commentId: string; body: string },
): Promise<void> {
  if (!isUuid(input.commentId)) throw new AppError("not_found", "No such comment");
  const { count } = await db().comment.updateMany({
    where: { id: input.commentId, authorId: viewer.id, hiddenAt: null, photo: visiblePhotoWhere(viewer) },
    data: { body: input.body },
  });
  if (count === 0) throw new AppError("not_found", "No such comment");
}
