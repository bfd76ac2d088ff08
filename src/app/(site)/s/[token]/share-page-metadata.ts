import type { Metadata } from "next";

// Share pages are for the people the link was given to: never indexed, never named in a Referer.
export const sharePageMetadata: Metadata = {
  title: "Shared with you",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};
