"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { deleteCommentAction } from "@/server/actions/comments/delete-comment";
import { editCommentAction } from "@/server/actions/comments/edit-comment";
import { buttonClasses } from "@/components/ui/button-styles";
import { FormError } from "@/components/ui/form-error";
import { ReportButton } from "@/components/moderation/report-button";
import { CommentBody } from "./comment-body";

export interface CommentItemProps {
  id: string;
  body: string;
  createdAt: string;
  edited: boolean;
  author: { handle: string; displayName: string };
  canEdit: boolean;
  canDelete: boolean;
  canReport: boolean;
  /** Hidden by a moderator: only its author is shown it. */
  hidden: { reason: string } | null;
}

/** One comment, with edit (its author) and delete (its author, or the photo's owner). */
export function CommentItem(comment: CommentItemProps) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(comment.body);
  const [error, setError] = useState<string | undefined>();
  const [pending, startTransition] = useTransition();

  const run = (action: () => Promise<{ ok: boolean; error?: string }>, after: () => void) =>
    startTransition(async () => {
      const result = await action();
      if (!result.ok) return setError(result.error);
      setError(undefined);
      after();
      router.refresh();
    });

  return (
    <li className="flex flex-col gap-1 border-b border-border py-3" data-testid="comment">
      <p className="text-xs text-muted">
        <Link href={`/people/${comment.author.handle}`} className="font-medium text-foreground">
          {comment.author.displayName}
        </Link>{" "}
        · <time dateTime={comment.createdAt}>{new Date(comment.createdAt).toISOString().slice(0, 10)}</time>
        {comment.edited ? " · edited" : ""}
      </p>
      {editing ? (
        <form
          className="flex flex-col gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            run(
              () => editCommentAction({ commentId: comment.id, body: draft }),
              () => setEditing(false),
            );
          }}
        >
          <label htmlFor={`edit-${comment.id}`} className="sr-only">
            Edit your comment
          </label>
          <textarea
            id={`edit-${comment.id}`}
            rows={3}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            className="rounded-lg border border-border-strong bg-surface px-3 py-2 text-sm text-foreground"
          />
          <div className="flex gap-2">
            <button type="submit" disabled={pending} className={buttonClasses("primary", "sm")}>
              Save
            </button>
            <button type="button" onClick={() => setEditing(false)} className={buttonClasses("ghost", "sm")}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <CommentBody text={comment.body} />
      )}
      {comment.hidden ? (
        <p className="text-xs text-danger" data-testid="comment-hidden">
          Hidden by a moderator{comment.hidden.reason ? `: ${comment.hidden.reason}` : ""}. Only you can see
          this comment.
        </p>
      ) : null}
      <FormError id={`comment-${comment.id}-error`} message={error} />
      {!editing && (comment.canEdit || comment.canDelete) ? (
        <div className="flex gap-2">
          {comment.canEdit ? (
            <button type="button" onClick={() => setEditing(true)} className={buttonClasses("ghost", "sm")}>
              Edit
            </button>
          ) : null}
          {comment.canDelete ? (
            <button
              type="button"
              disabled={pending}
              onClick={() =>
                run(
                  () => deleteCommentAction({ commentId: comment.id }),
                  () => undefined,
                )
              }
              className={buttonClasses("ghost", "sm")}
            >
              Delete
            </button>
          ) : null}
        </div>
      ) : null}
      {comment.canReport ? (
        <ReportButton target={{ kind: "comment", id: comment.id }} label="Report comment" />
      ) : null}
    </li>
  );
}
