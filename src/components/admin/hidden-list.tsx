"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { HiddenItem } from "@/server/data/moderation/list-hidden-content";
import { unhideContentAction } from "@/server/actions/moderation/unhide-content";
import { ActionNotice, type Notice } from "@/components/ui/action-notice";
import { buttonClasses } from "@/components/ui/button-styles";

/** Recently hidden photos and comments, each with Unhide: a decision can be taken back. */
export function HiddenList({ items }: { items: HiddenItem[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [notice, setNotice] = useState<Notice | null>(null);

  const unhide = (item: HiddenItem) =>
    startTransition(async () => {
      const result = await unhideContentAction({ target: item.target });
      setNotice(
        result.ok
          ? { error: false, text: `Unhid the ${item.target.kind}; its owner was told.` }
          : { error: true, text: result.error },
      );
      if (result.ok) router.refresh();
    });

  return (
    <div className="flex flex-col gap-3">
      <ActionNotice notice={notice} />
      {items.length === 0 ? (
        <p className="text-sm text-muted">Nothing is hidden.</p>
      ) : (
        <ul className="flex flex-col divide-y divide-border rounded-xl border border-border">
          {items.map((item) => (
            <li
              key={`${item.target.kind}:${item.target.id}`}
              data-testid="hidden-item"
              data-target={`${item.target.kind}:${item.target.id}`}
              className="flex flex-col gap-2 px-4 py-3 text-sm sm:flex-row sm:items-center sm:justify-between"
            >
              <div className="min-w-0">
                <p className="truncate font-medium text-foreground">
                  {item.target.kind === "photo" ? "Photo" : "Comment"}: {item.label}
                </p>
                <p className="text-muted">
                  by{" "}
                  <Link href={`/people/${item.owner.handle}`} className="underline">
                    {item.owner.displayName}
                  </Link>{" "}
                  · {item.reason || "no reason given"} ·{" "}
                  <time dateTime={item.hiddenAt}>{item.hiddenAt.slice(0, 16).replace("T", " ")}</time>
                </p>
              </div>
              <button
                type="button"
                disabled={pending}
                onClick={() => unhide(item)}
                className={buttonClasses("secondary", "sm", "self-start sm:self-auto")}
                aria-label={`Unhide ${item.target.kind}: ${item.label}`}
              >
                Unhide
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
