import "server-only";
import { visiblePhotoWhere } from "./access";
import type { Prisma } from "@/generated/prisma/client";

import type { Viewer } from "./viewer";

// Who may see a comment: whoever may see its photo, unless a moderator hid it; a hidden comment
// stays visible to its author alone (marked as hidden), like a hidden photo to its owner.
export function visibleCommentWhere(viewer: Viewer): Prisma.CommentWhereInput {
  return {
    photo: visiblePhotoWhere(viewer),
    OR: viewer ? [{ hiddenAt: null }, { authorId: viewer.id }] : [{ hiddenAt: null }],
  };
}
