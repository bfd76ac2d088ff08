"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { formatExactTime, formatRelativeTime } from "@/lib/format-relative-time";
import type { NotificationView } from "@/server/data/notifications/list-notifications";
import { markNotificationsReadAction } from "@/server/actions/notifications/mark-read";
import { SmallThumbnail } from "@/components/photos/small-thumbnail";
import { FormError } from "@/components/ui/form-error";
import { describeNotification } from "./describe-notification";

interface NotificationListProps {
  notifications: NotificationView[];
  /** The server's clock when the page was rendered: "3 minutes ago" reads the same on both sides. */
  now: string;
}

/**
 * The list marks what it shows as read once it is on screen (not on the server's render, which a
 * prefetch could trigger unseen); what was unread keeps its "New" mark for this visit.
 */
export function NotificationList({ notifications, now }: NotificationListProps) {
  const [error, setError] = useState<string | undefined>();
  const fresh = notifications.filter((n) => !n.read).map((n) => n.id);
  const marked = useRef<string | null>(null);
  const key = fresh.join(",");

  useEffect(() => {
    if (!key || marked.current === key) return;
    marked.current = key;
    void markNotificationsReadAction({ ids: key.split(",") }).then((result) =>
      setError(result.ok ? undefined : result.error),
    );
  }, [key]);

  if (notifications.length === 0) return <p className="mt-4 text-muted">Nothing yet.</p>;
  const at = new Date(now);
  return (
    <div className="mt-6 flex flex-col gap-4">
      <p className="text-sm text-muted" data-testid="new-summary">
        {fresh.length === 0 ? "Nothing new since your last visit." : `${fresh.length} new`}
      </p>
      <FormError id="notifications-error" message={error} />
      <ul className="flex flex-col divide-y divide-border rounded-xl border border-border">
        {notifications.map((n) => (
          <li
            key={n.id}
            // A photo's notification has its 50 px thumbnail in a first column beside the rest.
            className={`${n.photo ? "grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 [&>*]:col-start-2" : "flex flex-col gap-1"} px-4 py-3 ${n.read ? "" : "bg-surface-muted"}`}
            data-testid="notification"
            data-new={!n.read}
          >
            {n.photo ? (
              <Link
                href={`/photos/${n.photo.id}`}
                tabIndex={-1}
                aria-hidden="true"
                className="col-start-1! row-span-3"
              >
                <SmallThumbnail mediaBase={n.photo.mediaBase} />
              </Link>
            ) : null}
            <p className="text-sm text-foreground">
              {n.read ? null : (
                <span className="mr-2 rounded-full bg-accent-soft px-1.5 py-0.5 text-xs font-medium text-accent">
                  New
                </span>
              )}
              {n.photo ? (
                <Link href={`/photos/${n.photo.id}`} className="underline">
                  {describeNotification(n)}
                </Link>
              ) : (
                describeNotification(n)
              )}
            </p>
            {n.comment ? <p className="line-clamp-2 text-sm text-muted">{n.comment}</p> : null}
            <p className="text-xs text-muted">
              <time
                dateTime={n.createdAt}
                title={formatExactTime(new Date(n.createdAt))}
                data-testid="notification-time"
              >
                {formatRelativeTime(new Date(n.createdAt), at)}
              </time>
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
