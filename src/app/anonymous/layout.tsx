import type { ReactNode } from "react";
import { PageFrame } from "@/components/layout/page-frame";

// Pages rendered for visitors without a session (see next.config.ts's rewrites): the same pages,
// with a header for nobody signed in, and no cookie read anywhere, so they can be cached.
export default function AnonymousLayout({ children }: { children: ReactNode }) {
  return <PageFrame user={null}>{children}</PageFrame>;
}
