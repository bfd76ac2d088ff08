"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { NotificationView } from "@/server/data/notifications/list-notifications";
import { markNotificationsReadAction } from "@/server/actions/notifications/mark-read";
import { buttonClasses } from "@/components/ui/button-styles";
import { SmallThumbnail } from "@/components/photos/small-thumbnail";
import { FormError } from "@/components/ui/form-error";
import { describeNotification } from "./describe-notification";

export function NotificationList({ notifications }: { notifications: NotificationView[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | undefined>();
  const unread = notifications.filter((n) => !n.read).length;

  const mark = (which: { ids: string[] } | { all: true }) =>
    startTransition(async () => {
      const result = await markNotificationsReadAction(which);
      if (!result.ok) return setError(result.error);
      setError(undefined);
      router.refresh();
    });

  if (notifications.length === 0) return <p className="mt-4 text-muted">Nothing yet.</p>;
  return (
    <div className="mt-6 flex flex-col gap-4">
      <div className="flex items-center justify-between gap-4">
        <p className="text-sm text-muted" data-testid="unread-summary">
          {unread} unread
        </p>
        <button
          type="button"
          disabled={pending || unread === 0}
          onClick={() => mark({ all: true })}
          className={buttonClasses("secondary", "sm")}
        >
          Mark all as read
        </button>
      </div>
      <FormError id="notifications-error" message={error} />
      <ul className="flex flex-col divide-y divide-border rounded-xl border border-border">
        {notifications.map((n) => (
          <li
            key={n.id}
            // A photo's notification has its 50 px thumbnail in a first column beside the rest.
            className={`${n.photo ? "grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 [&>*]:col-start-2" : "flex flex-col gap-1"} px-4 py-3 ${n.read ? "" : "bg-surface-muted"}`}
            data-testid="notification"
            data-read={n.read}
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
              {n.read ? null : <span className="sr-only">Unread: </span>}
              {n.photo ? (
                <Link href={`/photos/${n.photo.id}`} className="underline">
                  {describeNotification(n)}
                </Link>
              ) : (
                describeNotification(n)
              )}
            </p>
            {n.comment ? <p className="line-clamp-2 text-sm text-muted">{n.comment}</p> : null}
            <div className="flex items-center gap-3 text-xs text-muted">
              <time dateTime={n.createdAt}>{n.createdAt.slice(0, 16).replace("T", " ")}</time>
              {n.read ? null : (
                <button
                  type="button"
                  disabled={pending}
                  onClick={() => mark({ ids: [n.id] })}
                  className="underline"
                >
                  Mark as read
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
