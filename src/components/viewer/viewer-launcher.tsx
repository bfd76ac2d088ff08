"use client";

import { useRef, useState, type ComponentType } from "react";
import { buttonClasses } from "@/components/ui/button-styles";
import type { PhotoViewerProps } from "./photo-viewer";
import type { ViewerPhoto } from "./viewer-photo";

interface ViewerLauncherProps {
  photos: ViewerPhoto[];
  /** The photo the viewer opens on. */
  startId: string;
  /** "slideshow" opens it playing (albums, share links); "fullscreen" on the photo shown. */
  mode: "fullscreen" | "slideshow";
}

// The button that opens the viewer. The viewer's code is fetched on the first click, not with the
// page (the photo page's JavaScript budget); full screen is asked for within the click itself, where
// the browser allows it, on a host element the viewer then renders into.
export function ViewerLauncher({ photos, startId, mode }: ViewerLauncherProps) {
  const host = useRef<HTMLDivElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const [Viewer, setViewer] = useState<ComponentType<PhotoViewerProps> | null>(null);
  const [open, setOpen] = useState(false);

  function launch() {
    // Refused (no API, an iframe without permission): the viewer still fills the window.
    host.current?.requestFullscreen?.().catch(() => undefined);
    setOpen(true);
    if (!Viewer) void import("./photo-viewer").then((m) => setViewer(() => m.PhotoViewer));
  }

  function close() {
    setOpen(false);
    // Back to the button once full screen has ended: leaving it takes the focus away.
    const refocus = () => opener.current?.focus();
    if (document.fullscreenElement) document.exitFullscreen().then(refocus, refocus);
    else refocus();
  }

  if (photos.length === 0) return null;
  return (
    <>
      <button
        ref={opener}
        type="button"
        onClick={launch}
        className={buttonClasses("secondary", "sm")}
        data-testid={mode === "slideshow" ? "slideshow-open" : "fullscreen-open"}
      >
        {mode === "slideshow" ? <PlayIcon /> : <ExpandIcon />}
        {mode === "slideshow" ? "Slideshow" : "Full screen"}
      </button>
      <div ref={host}>
        {open && Viewer ? (
          <Viewer photos={photos} startId={startId} playing={mode === "slideshow"} onClose={close} />
        ) : null}
      </div>
    </>
  );
}

function ExpandIcon() {
  return (
    <svg
      viewBox="0 0 20 20"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      className="size-4"
      aria-hidden="true"
    >
      <path d="M3 8V3h5M12 3h5v5M17 12v5h-5M8 17H3v-5" />
    </svg>
  );
}

function PlayIcon() {
  return (
    <svg viewBox="0 0 20 20" fill="currentColor" className="size-4" aria-hidden="true">
      <path d="M6 4.5v11l9-5.5z" />
    </svg>
  );
}
