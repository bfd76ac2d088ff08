"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { COMMENT_MAX_LENGTH } from "@/lib/schemas/comment";
import { addCommentAction } from "@/server/actions/comments/add-comment";
import { buttonClasses } from "@/components/ui/button-styles";
import { FormError } from "@/components/ui/form-error";

/** Posts a comment. The server decides what is acceptable; its message is shown as is. */
export function CommentForm({ photoId }: { photoId: string }) {
  const router = useRouter();
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(async () => {
      const result = await addCommentAction({ photoId, body });
      if (!result.ok) return setError(result.error);
      setError(undefined);
      setBody("");
      router.refresh();
    });
  }

  return (
    <form
      onSubmit={submit}
      className="flex flex-col gap-2"
      aria-describedby={error ? "comment-error" : undefined}
    >
      <label htmlFor="comment-body" className="text-sm font-medium text-foreground">
        Add a comment
      </label>
      <textarea
        id="comment-body"
        name="body"
        rows={3}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        className="rounded-lg border border-border-strong bg-surface px-3 py-2 text-sm text-foreground"
        aria-invalid={error ? true : undefined}
      />
      <p className="text-xs text-muted">
        Plain text, up to {COMMENT_MAX_LENGTH.toLocaleString("en")} characters.
      </p>
      <FormError id="comment-error" message={error} />
      <button type="submit" disabled={pending} className={buttonClasses("primary", "sm", "w-fit")}>
        {pending ? "Posting…" : "Post comment"}
      </button>
    </form>
  );
}
