import "server-only";

/** One comment as the photo page shows it. */
export interface CommentView {
  id: string;
  body: string;
  createdAt: string;
  edited: boolean;
  author: { handle: string; displayName: string };
  canEdit: boolean;
  canDelete: boolean;
}
