import { Suspense, type ReactNode } from "react";
import type { CurrentUser } from "@/server/auth/current-user";
import { SiteHeader } from "./site-header";
import { VisitorPreviewBanner } from "./visitor-preview-banner";

/** The header and the main landmark around every page; `user` is who the header greets. */
export function PageFrame({ user, children }: { user: CurrentUser | null; children: ReactNode }) {
  return (
    <>
      <SiteHeader user={user} />
      {/* tabIndex lets the skip link move focus here, not just scroll. */}
      <main id="main" tabIndex={-1} className="flex flex-1 flex-col outline-none">
        {/* Reads the URL on the client: its own boundary keeps every page server-rendered. */}
        <Suspense fallback={null}>
          <VisitorPreviewBanner />
        </Suspense>
        {children}
      </main>
    </>
  );
}
