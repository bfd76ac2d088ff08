"use client";

import { useEffect, useRef, type ReactNode } from "react";

// The strip's list, scrolled so the current photo is in view on a narrow screen (without moving the
// page itself).
export function FilmstripScroll({ children }: { children: ReactNode }) {
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const el = list.current;
    const current = el?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!el || !current) return;
    el.scrollLeft = current.offsetLeft - (el.clientWidth - current.offsetWidth) / 2;
  }, []);
  return (
    <ol ref={list} className="relative flex snap-x gap-1.5 overflow-x-auto p-1">
      {children}
    </ol>
  );
}
