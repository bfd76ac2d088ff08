import Link from "next/link";
import type { CommentView } from "@/server/data/comments/comment-view";
import { CommentForm } from "./comment-form";
import { CommentItem } from "./comment-item";

/** The photo page's comments: the list, then the form (or a way to sign in). */
export function CommentsSection({
  photoId,
  comments,
  count,
  signedIn,
}: {
  photoId: string;
  comments: CommentView[];
  count: number;
  signedIn: boolean;
}) {
  return (
    <section aria-labelledby="comments-heading" className="flex flex-col gap-3" data-testid="comments">
      <h2 id="comments-heading" className="text-lg font-semibold text-foreground">
        Comments <span className="text-muted">({count})</span>
      </h2>
      {comments.length ? (
        <ul className="flex flex-col">
          {comments.map((c) => (
            <CommentItem key={c.id} {...c} />
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted">No comments yet.</p>
      )}
      {signedIn ? (
        <CommentForm photoId={photoId} />
      ) : (
        <p className="text-sm text-muted">
          <Link
            href={`/sign-in?callbackUrl=${encodeURIComponent(`/photos/${photoId}`)}`}
            className="underline"
          >
            Sign in
          </Link>{" "}
          to comment.
        </p>
      )}
    </section>
  );
}
