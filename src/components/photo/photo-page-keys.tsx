"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { usePhotoKeys } from "./use-photo-keys";

interface PhotoPageKeysProps {
  previousHref: string | null;
  nextHref: string | null;
  /** The owner's photostream or the album: where Esc leads from the full page. */
  backHref: string;
}

// The full page's keys. ←/→ load the neighbouring photo's page as a document, like its links (a
// client navigation would be intercepted into the modal); Esc returns to the stream or album.
export function PhotoPageKeys({ previousHref, nextHref, backHref }: PhotoPageKeysProps) {
  const router = useRouter();
  usePhotoKeys(
    {
      onPrevious: previousHref ? () => window.location.assign(previousHref) : undefined,
      onNext: nextHref ? () => window.location.assign(nextHref) : undefined,
      onEscape: () => router.push(backHref),
    },
    { yieldToDialogs: true },
  );
  // The page is readable before its scripts run; this says when the keys work (the e2e suite waits
  // for it instead of racing hydration).
  useEffect(() => {
    document.documentElement.dataset.photoKeys = "ready";
    return () => {
      delete document.documentElement.dataset.photoKeys;
    };
  }, []);
  return null;
}
