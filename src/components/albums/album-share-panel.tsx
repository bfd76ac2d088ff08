"use client";

import { useId, useState, type ReactNode } from "react";
import { buttonClasses } from "@/components/ui/button-styles";

// The owner's sharing tools behind a "Share" button, so the album's photos come first on the page.
// The panel stays mounted while closed (only hidden): its editor keeps its state between openings.
export function AlbumSharePanel({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <div className="contents">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((v) => !v)}
        className={buttonClasses(open ? "primary" : "secondary", "sm")}
        data-testid="album-share-toggle"
      >
        Share
      </button>
      <div
        id={panelId}
        hidden={!open}
        className="order-last max-w-xl basis-full"
        data-testid="album-share-panel"
      >
        {children}
      </div>
    </div>
  );
}
