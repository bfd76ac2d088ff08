"use client";

import Link from "next/link";
import { useEffect, useState } from "react";

/**
 * The header's bell with the unread count, kept live by Server-Sent Events. Mounted only for a
 * signed-in user (the header decides), so anonymous pages open no stream.
 */
export function NotificationBell() {
  const [count, setCount] = useState<number | null>(null);

  useEffect(() => {
    const source = new EventSource("/api/notifications/stream");
    const onUnread = (event: MessageEvent<string>) => {
      const n = Number(event.data);
      if (Number.isFinite(n)) setCount(n);
    };
    source.addEventListener("unread", onUnread);
    return () => {
      source.removeEventListener("unread", onUnread);
      source.close();
    };
  }, []);

  const unread = count ?? 0;
  return (
    <Link
      href="/notifications"
      aria-label={unread ? `Notifications, ${unread} unread` : "Notifications"}
      className="relative inline-flex size-9 items-center justify-center rounded-full text-foreground hover:bg-surface-muted"
      data-testid="notification-bell"
      data-live={count !== null}
    >
      <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="size-5">
        <path d="M10 2a5 5 0 0 0-5 5v2.6L3.3 12.4A1 1 0 0 0 4.2 14h11.6a1 1 0 0 0 .9-1.6L15 9.6V7a5 5 0 0 0-5-5Zm0 16a2.5 2.5 0 0 1-2.45-2h4.9A2.5 2.5 0 0 1 10 18Z" />
      </svg>
      {unread ? (
        <span
          className="absolute -top-0.5 -right-0.5 min-w-5 rounded-full bg-danger px-1 text-center text-xs leading-5 font-semibold text-danger-contrast"
          data-testid="notification-count"
          aria-hidden="true"
        >
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </Link>
  );
}
