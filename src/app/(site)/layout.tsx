import type { ReactNode } from "react";
import { getCurrentUser } from "@/server/auth/current-user";
import { PageFrame } from "@/components/layout/page-frame";

// Every page that may depend on who is looking: the header greets the signed-in person.
export default async function SiteLayout({ children }: { children: ReactNode }) {
  return <PageFrame user={await getCurrentUser()}>{children}</PageFrame>;
}
