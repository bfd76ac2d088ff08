import { linkify } from "@/lib/linkify";

/** A comment's text: escaped by React, with http(s) links made clickable and marked as user content. */
export function CommentBody({ text }: { text: string }) {
  return (
    <p className="text-sm whitespace-pre-wrap break-words text-foreground" data-testid="comment-body">
      {linkify(text).map((segment, i) =>
        segment.kind === "link" ? (
          <a key={i} href={segment.href} rel="nofollow ugc noopener" className="text-accent underline">
            {segment.text}
          </a>
        ) : (
          <span key={i}>{segment.text}</span>
        ),
      )}
    </p>
  );
}
