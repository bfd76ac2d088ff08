"use client";

import { useEffect, useRef, useState, type KeyboardEvent } from "react";

/**
 * "Ask once" for destructive buttons: the first press only reveals the question. The safe choice
 * (Cancel) takes focus when it appears; backing out (Cancel or Esc) returns focus to the first button.
 */
export function useAskOnce() {
  const [confirming, setConfirming] = useState(false);
  const startRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  useEffect(() => {
    if (confirming === wasConfirming.current) return;
    wasConfirming.current = confirming;
    (confirming ? cancelRef : startRef).current?.focus();
  }, [confirming]);

  return {
    confirming,
    ask: () => setConfirming(true),
    cancel: () => setConfirming(false),
    startRef,
    cancelRef,
    /** For the question's container: Esc backs out, and is handled there so a page's own Esc does not fire. */
    onKeyDown: (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      setConfirming(false);
    },
  };
}
