"use client";

import { useEffect } from "react";

// Moving around the site keeps the queue, but closing or reloading the tab loses it: ask first.
export function useWarnBeforeUnload(active: boolean) {
  useEffect(() => {
    if (!active) return;
    function onBeforeUnload(event: BeforeUnloadEvent) {
      event.preventDefault();
    }
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [active]);
}
