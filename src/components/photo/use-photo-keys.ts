"use client";

import { useEffect, useRef } from "react";

export interface PhotoKeyHandlers {
  onPrevious?: () => void;
  onNext?: () => void;
  onEscape?: () => void;
}

// ← / → / Esc for the photo viewer. Keys typed into a field, with a modifier (Alt+← is the browser's
// Back), or already handled by something closer to the focus are left alone.
export function usePhotoKeys(handlers: PhotoKeyHandlers, options: { yieldToDialogs: boolean }) {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  const { yieldToDialogs } = options;

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      if (isEditable(event.target)) return;
      // The page beneath an open dialog (the photo modal, a confirmation) must not react to its keys.
      if (yieldToDialogs && document.querySelector("dialog[open]")) return;
      const handler =
        event.key === "ArrowLeft"
          ? latest.current.onPrevious
          : event.key === "ArrowRight"
            ? latest.current.onNext
            : event.key === "Escape"
              ? latest.current.onEscape
              : undefined;
      if (!handler) return;
      event.preventDefault();
      handler();
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [yieldToDialogs]);
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag !== "INPUT") return false;
  const type = (target as HTMLInputElement).type;
  return !["button", "submit", "reset", "checkbox", "radio", "range", "file", "image", "color"].includes(
    type,
  );
}
