import type { Metadata } from "next";
import { NotFoundMessage } from "@/components/layout/not-found-message";

export const metadata: Metadata = {
  title: "Page not found",
};

// notFound() from a page below (site): the site layout around it already has the header.
export default function NotFound() {
  return <NotFoundMessage />;
}
