import "server-only";
import { db } from "@/server/db/client";
import { visibleCommentWhere } from "@/server/policy/comments";
import { isUuid } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";
import type { CommentView } from "./comment-view";

/**
 * A photo's comments, oldest first, for someone who can see the photo (nothing for anyone else: the
 * photo's visibility is part of the query). Authors edit their own; the photo's owner deletes any.
 * A comment hidden by a moderator is listed for its author alone, marked hidden, and no longer editable.
 */
export async function listComments(viewer: Viewer, photoId: string, limit = 500): Promise<CommentView[]> {
  if (!isUuid(photoId)) return [];
  // The primary, for anonymous visitors too: a replica's lag would still list a comment just hidden.
  const primary = db().$primary();
  const rows = await primary.comment.findMany({
    where: { AND: [{ photoId }, visibleCommentWhere(viewer)] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit,
    select: {
      id: true,
      body: true,
      createdAt: true,
      updatedAt: true,
      authorId: true,
      hiddenAt: true,
      hiddenReason: true,
      author: { select: { handle: true, displayName: true } },
      photo: { select: { ownerId: true } },
    },
  });
  return rows.map((c) => ({
    id: c.id,
    body: c.body,
    createdAt: c.createdAt.toISOString(),
    edited: c.updatedAt.getTime() - c.createdAt.getTime() > 1_000,
    author: c.author,
    canEdit: viewer?.id === c.authorId && !c.hiddenAt,
    canReport: viewer !== null && viewer.id !== c.authorId,
    hidden: c.hiddenAt ? { reason: c.hiddenReason ?? "" } : null,
    canDelete: viewer?.id === c.authorId || viewer?.id === c.photo.ownerId,
  }));
}
