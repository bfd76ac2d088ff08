import Link from "next/link";
import { buttonClasses } from "@/components/ui/button-styles";

// Keyset pages: "Load more" carries the opaque cursor; a later page links back to the start.
export function AlbumPager({
  basePath,
  cursor,
  nextCursor,
}: {
  basePath: string;
  cursor: string | null;
  nextCursor: string | null;
}) {
  if (!cursor && !nextCursor) return null;
  return (
    <nav aria-label="More photos" className="mt-8 flex flex-wrap items-center justify-center gap-3">
      {cursor ? (
        <Link href={basePath} className={buttonClasses("ghost", "md")}>
          Back to the start
        </Link>
      ) : null}
      {nextCursor ? (
        <Link
          href={`${basePath}?cursor=${encodeURIComponent(nextCursor)}`}
          className={buttonClasses("secondary", "md")}
        >
          Load more
        </Link>
      ) : null}
    </nav>
  );
}
