import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClasses } from "@/components/ui/button-styles";

/** The 404 page's body; each kind of page may word it for what was not found. */
export function NotFoundMessage({
  title = "This picture is out of frame",
  children = (
    <>
      We couldn&rsquo;t find that page. The link may be mistyped, or the photo or person may have moved, gone
      private, or been removed.
    </>
  ),
  testId,
}: {
  title?: string;
  children?: ReactNode;
  testId?: string;
}) {
  return (
    <div
      data-testid={testId}
      className="mx-auto flex w-full max-w-xl flex-1 flex-col items-center justify-center px-4 py-20 text-center"
    >
      <p className="font-mono text-sm font-medium tracking-widest text-accent">404</p>
      <h1 className="mt-3 text-3xl font-semibold tracking-tight text-balance text-foreground sm:text-4xl">
        {title}
      </h1>
      <p className="mt-4 text-pretty text-muted">{children}</p>
      <div className="mt-8">
        <Link href="/" className={buttonClasses("primary", "md")}>
          Back to Explore
        </Link>
      </div>
    </div>
  );
}
