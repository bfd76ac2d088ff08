"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState, type FocusEvent } from "react";
import { signOutAction } from "@/server/actions/sign-out";
import { Avatar } from "@/components/ui/avatar";
import { SubmitButton } from "@/components/ui/submit-button";

interface UserMenuProps {
  displayName: string;
  handle: string;
  /** Admins get a link to the admin pages (which check for themselves). */
  isAdmin?: boolean;
}

const itemClasses =
  "flex w-full items-center rounded-lg px-3 py-2 text-left text-sm text-foreground hover:bg-surface-muted";

// A disclosure (button + panel) rather than an ARIA "menu": it holds ordinary links and a form,
// so normal Tab navigation is the expected, simplest-to-use behaviour.
export function UserMenu({ displayName, handle, isAdmin = false }: UserMenuProps) {
  const [open, setOpen] = useState(false);
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  // Close after client-side navigation (e.g. picking "Settings"), adjusting state during render.
  const pathname = usePathname();
  const [openedOn, setOpenedOn] = useState(pathname);
  if (pathname !== openedOn) {
    setOpenedOn(pathname);
    setOpen(false);
  }

  useEffect(() => {
    if (!open) return;
    function onPointerDown(event: PointerEvent) {
      if (event.target instanceof Node && !containerRef.current?.contains(event.target)) setOpen(false);
    }
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    }
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [open]);

  // Tabbing out closes the panel. A null relatedTarget (a click on something unfocusable) is left
  // to the pointerdown handler, so a click inside the panel never closes it before it lands.
  function onBlur(event: FocusEvent<HTMLDivElement>) {
    const next = event.relatedTarget;
    if (next instanceof Node && !event.currentTarget.contains(next)) setOpen(false);
  }

  return (
    <div ref={containerRef} className="relative" onBlur={onBlur}>
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        data-testid="user-menu-button"
        onClick={() => setOpen((value) => !value)}
        className="inline-flex h-10 items-center gap-2 rounded-full py-1 pr-2.5 pl-1 text-sm font-medium text-foreground transition-colors hover:bg-surface-muted aria-expanded:bg-surface-muted"
      >
        <Avatar name={displayName} />
        <span className="max-w-[7rem] truncate sm:max-w-[12rem]">{displayName}</span>
        <svg
          viewBox="0 0 20 20"
          fill="currentColor"
          aria-hidden="true"
          className={`size-4 text-muted transition-transform ${open ? "rotate-180" : ""}`}
        >
          <path
            fillRule="evenodd"
            d="M5.22 8.22a.75.75 0 0 1 1.06 0L10 11.94l3.72-3.72a.75.75 0 1 1 1.06 1.06l-4.25 4.25a.75.75 0 0 1-1.06 0L5.22 9.28a.75.75 0 0 1 0-1.06Z"
            clipRule="evenodd"
          />
        </svg>
      </button>

      {/* Kept mounted while hidden so aria-controls always resolves and a pending sign-out survives. */}
      <div
        id={panelId}
        hidden={!open}
        data-testid="user-menu"
        className="absolute right-0 z-40 mt-2 w-60 origin-top-right rounded-xl border border-border bg-surface p-1.5 shadow-lg shadow-black/5 dark:shadow-black/40"
      >
        <p className="truncate px-3 pt-2 pb-2.5 text-xs text-muted">
          Signed in as <span className="font-medium text-foreground">@{handle}</span>
        </p>
        <ul className="border-t border-border pt-1.5">
          <li>
            <Link
              href={`/people/${encodeURIComponent(handle)}`}
              className={itemClasses}
              onClick={() => setOpen(false)}
            >
              Your photos
            </Link>
          </li>
          <li>
            <Link href="/trash" className={itemClasses} onClick={() => setOpen(false)}>
              Trash
            </Link>
          </li>
          <li>
            <Link href="/settings" className={itemClasses} onClick={() => setOpen(false)}>
              Settings
            </Link>
          </li>
          {isAdmin ? (
            <li>
              <Link href="/admin" className={itemClasses} onClick={() => setOpen(false)}>
                Admin
              </Link>
            </li>
          ) : null}
        </ul>
        <form action={signOutAction} className="mt-1.5 border-t border-border pt-1.5">
          <SubmitButton
            unstyled
            pendingLabel="Signing out…"
            data-testid="sign-out-button"
            className={`${itemClasses} gap-2`}
          >
            Sign out
          </SubmitButton>
        </form>
      </div>
    </div>
  );
}
