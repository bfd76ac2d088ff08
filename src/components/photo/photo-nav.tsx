import Link from "next/link";
import type { ReactNode } from "react";
import type { NeighborPhoto } from "@/server/data/get-photo-neighbors";
import { buttonClasses } from "@/components/ui/button-styles";
import { photoHref } from "./photo-links";

interface PhotoNavProps {
  previous: NeighborPhoto | null;
  next: NeighborPhoto | null;
  albumId: string | null;
  /**
   * "modal": client navigation that replaces the history entry, so Back still closes the modal.
   * "page": a document load. A client navigation from any page to /photos/<id> is intercepted into
   * the modal, which over a full photo page would stack one photo on another.
   */
  mode: "page" | "modal";
}

export function PhotoNav({ previous, next, albumId, mode }: PhotoNavProps) {
  return (
    <nav aria-label="Previous and next photos" className="flex items-center justify-between gap-3">
      <NavLink photo={previous} albumId={albumId} mode={mode} direction="previous">
        <span aria-hidden="true">←</span> Previous
      </NavLink>
      <NavLink photo={next} albumId={albumId} mode={mode} direction="next">
        Next <span aria-hidden="true">→</span>
      </NavLink>
    </nav>
  );
}

function NavLink({
  photo,
  albumId,
  mode,
  direction,
  children,
}: {
  photo: NeighborPhoto | null;
  albumId: string | null;
  mode: "page" | "modal";
  direction: "previous" | "next";
  children: ReactNode;
}) {
  const className = buttonClasses("secondary", "sm");
  // An empty slot keeps "Next" on the right when there is no previous photo.
  if (!photo) return <span aria-hidden="true" />;
  const props = {
    href: photoHref(photo.id, albumId),
    className,
    rel: direction === "previous" ? "prev" : "next",
    // "Previous photo: <title>" for screen readers; the visible label is part of it.
    "aria-label": `${direction === "previous" ? "Previous" : "Next"} photo: ${photo.alt}`,
    "data-testid": direction === "previous" ? "photo-prev" : "photo-next",
  };
  return mode === "modal" ? (
    <Link {...props} replace scroll={false}>
      {children}
    </Link>
  ) : (
    <a {...props}>{children}</a>
  );
}
