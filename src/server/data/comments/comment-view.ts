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
  /** Signed in and not its author. */
  canReport: boolean;
  /** Hidden by a moderator (only its author is shown it), with the reason they were given. */
  hidden: { reason: string } | null;
}
