import type { Metadata } from "next";
import { NotFoundMessage } from "@/components/layout/not-found-message";
import { PageFrame } from "@/components/layout/page-frame";

export const metadata: Metadata = {
  title: "Page not found",
};

// The last resort: Next renders this element along with every page (it is the root layout's 404
// boundary), so it reads no cookies, or no page could be cached. URLs no route matches reach
// (site)/[...catchAll] instead, whose 404 has the signed-in header.
export default function NotFound() {
  return (
    <PageFrame user={null}>
      <NotFoundMessage />
    </PageFrame>
  );
}
