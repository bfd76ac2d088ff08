"use client";

import { usePathname, useSearchParams } from "next/navigation";

// The pages that honour `?as=visitor` (where the page resolves its viewer: src/server/auth/page-viewer.ts).
const PREVIEWABLE = /^\/(photos|albums|people)\/[^/]+$/;

/**
 * Says so when a page is shown as an anonymous visitor sees it, found or not (a private photo's
 * preview is the 404 page, which cannot read the query itself): hence in the layout, from the URL.
 * Words only; the downgrade itself happens on the server.
 */
export function VisitorPreviewBanner() {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  if (searchParams.get("as") !== "visitor" || !PREVIEWABLE.test(pathname)) return null;
  return (
    <div
      data-testid="visitor-banner"
      className="border-b border-border bg-accent-soft px-4 py-2.5 text-center text-sm text-foreground"
    >
      <p>
        <strong className="font-semibold">You are seeing this page as a visitor.</strong>{" "}
        {/* A full load, so the owner's own view is rendered afresh. */}
        <a
          href={pathname}
          className="font-medium underline underline-offset-2"
          data-testid="visitor-banner-back"
        >
          Back to your view
        </a>
      </p>
    </div>
  );
}
