"use client";

import { useRouter } from "next/navigation";
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
  return null;
}
