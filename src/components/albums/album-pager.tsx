import Link from "next/link";
import { buttonClasses } from "@/components/ui/button-styles";

// Keyset pages: "Load more" carries the opaque cursor; a later page links back to the start.
// `keep` are query parameters every page carries (the visitor's preview: `as=visitor`).
export function AlbumPager({
  basePath,
  cursor,
  nextCursor,
  keep,
}: {
  basePath: string;
  cursor: string | null;
  nextCursor: string | null;
  keep?: Record<string, string>;
}) {
  if (!cursor && !nextCursor) return null;
  const href = (extra: Record<string, string>) => {
    const params = new URLSearchParams({ ...keep, ...extra }).toString();
    return params ? `${basePath}?${params}` : basePath;
  };
  return (
    <nav aria-label="More photos" className="mt-8 flex flex-wrap items-center justify-center gap-3">
      {cursor ? (
        <Link href={href({})} className={buttonClasses("ghost", "md")}>
          Back to the start
        </Link>
      ) : null}
      {nextCursor ? (
        <Link href={href({ cursor: nextCursor })} className={buttonClasses("secondary", "md")}>
          Load more
        </Link>
      ) : null}
    </nav>
  );
}
