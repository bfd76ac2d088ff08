"use client";

import { usePathname, useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, type KeyboardEvent, type ReactNode } from "react";
import { usePhotoKeys } from "./use-photo-keys";

interface PhotoModalProps {
  /** The id of the modal's heading: the dialog's accessible name. */
  labelledBy: string;
  previousHref: string | null;
  nextHref: string | null;
  /** The full page of this photo, a document load (a client navigation would re-open the modal). */
  pageHref: string;
  children: ReactNode;
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])';

// What had focus before the first modal opened (the grid tile), kept across ←/→, which swap one
// photo's modal for the next; focus goes back to it when the last one closes.
let opener: HTMLElement | null = null;

/**
 * The photo modal over a grid (the intercepted /photos/<id>). A native modal <dialog>: the page
 * beneath is inert and the dialog is in the top layer. Closing is `router.back()`, so the URL, the
 * Back button and the grid's scroll position all end up where they were.
 */
export function PhotoModal({ labelledBy, previousHref, nextHref, pageHref, children }: PhotoModalProps) {
  const router = useRouter();
  const pathname = usePathname();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const closing = useRef(false);
  // A client navigation away (a tag, the owner) leaves this slot mounted until its catch-all
  // renders nothing; never show a photo over a page that is not its own URL.
  const active = pathname.startsWith("/photos/");

  const close = useCallback(() => {
    if (closing.current) return;
    closing.current = true;
    router.back();
  }, [router]);

  usePhotoKeys(
    active
      ? {
          onPrevious: previousHref ? () => router.replace(previousHref, { scroll: false }) : undefined,
          onNext: nextHref ? () => router.replace(nextHref, { scroll: false }) : undefined,
          onEscape: close,
        }
      : {},
    { yieldToDialogs: false },
  );

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog || !active) return;
    const focused = document.activeElement;
    if (!opener && focused instanceof HTMLElement && !focused.closest("[data-photo-modal]")) opener = focused;
    if (!dialog.open) dialog.showModal();
    dialog.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    // The grid beneath keeps its scroll position and does not scroll under the modal.
    const root = document.documentElement;
    const overflow = root.style.overflow;
    root.style.overflow = "hidden";
    return () => {
      root.style.overflow = overflow;
      // Deferred a frame: after ←/→ the next photo's modal mounts straight away and keeps the opener.
      requestAnimationFrame(() => {
        if (document.querySelector("[data-photo-modal]")) return;
        const target = opener;
        opener = null;
        if (target?.isConnected) target.focus();
      });
    };
  }, [active]);

  // Tab and Shift+Tab wrap around inside the dialog, so focus never reaches the browser's chrome
  // or the inert page beneath.
  function onKeyDown(event: KeyboardEvent<HTMLDialogElement>) {
    if (event.key !== "Tab") return;
    const dialog = dialogRef.current;
    if (!dialog) return;
    const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
      (el) => el.getClientRects().length > 0,
    );
    const first = items[0];
    const last = items.at(-1);
    if (!first || !last) return;
    const current = document.activeElement;
    if (event.shiftKey && (current === first || !dialog.contains(current))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (current === last || !dialog.contains(current))) {
      event.preventDefault();
      first.focus();
    }
  }

  if (!active) return null;
  return (
    <dialog
      ref={dialogRef}
      data-photo-modal=""
      data-testid="photo-modal"
      aria-modal="true"
      aria-labelledby={labelledBy}
      onKeyDown={onKeyDown}
      // Esc on a native dialog fires "cancel"; close through the router instead, exactly once.
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
      // The dialog box is the whole viewport; a click that lands on it, not on the panel inside,
      // is a click on the backdrop.
      onClick={(event) => {
        if (event.target === event.currentTarget) close();
      }}
      className="m-0 hidden h-dvh max-h-none w-screen max-w-none items-center justify-center bg-transparent p-2 backdrop:bg-black/80 open:flex sm:p-6"
    >
      <div className="relative flex max-h-full w-full max-w-7xl flex-col overflow-hidden rounded-2xl bg-surface text-foreground shadow-2xl">
        <div className="flex items-center justify-between gap-3 border-b border-border px-3 py-2">
          <a
            href={pageHref}
            data-testid="photo-modal-open-page"
            className="rounded-md px-2 py-1 text-sm font-medium text-accent underline-offset-2 hover:underline"
          >
            Open photo page
          </a>
          <button
            type="button"
            data-autofocus=""
            onClick={close}
            aria-label="Close"
            data-testid="photo-modal-close"
            className="inline-flex size-9 items-center justify-center rounded-full text-foreground hover:bg-surface-muted"
          >
            <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="size-5">
              <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
            </svg>
          </button>
        </div>
        <div className="min-h-0 overflow-y-auto">{children}</div>
      </div>
    </dialog>
  );
}
