"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { HIDE_REASON_MAX_LENGTH, REPORT_REASON_LABELS } from "@/lib/schemas/report";
import type { ReportGroup } from "@/server/data/moderation/list-report-queue";
import { dismissReportsAction } from "@/server/actions/moderation/dismiss-reports";
import { hideContentAction } from "@/server/actions/moderation/hide-content";
import { ActionNotice, type Notice } from "@/components/ui/action-notice";
import { buttonClasses } from "@/components/ui/button-styles";

/** The moderation queue: one card per reported photo or comment, each with Hide and Dismiss. */
export function ReportQueue({ groups }: { groups: ReportGroup[] }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  return (
    <div className="flex flex-col gap-4">
      <ActionNotice notice={notice} />
      {groups.length === 0 ? (
        <p className="text-muted" data-testid="report-queue-empty">
          No open reports.
        </p>
      ) : (
        <ul className="flex flex-col gap-4">
          {groups.map((g) => (
            <ReportCard key={`${g.target.kind}:${g.target.id}`} group={g} onDone={setNotice} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ReportCard({ group, onDone }: { group: ReportGroup; onDone: (n: Notice) => void }) {
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const top = group.reasons[0]?.reason;
  const [reason, setReason] = useState(top ? REPORT_REASON_LABELS[top] : "");
  const what = group.target.kind;
  const headingId = `${id}-heading`;

  const run = (action: () => Promise<{ ok: boolean; error?: string }>, done: string) =>
    startTransition(async () => {
      const result = await action();
      onDone(result.ok ? { error: false, text: done } : { error: true, text: result.error ?? "Failed" });
      if (result.ok) router.refresh();
    });

  const label =
    group.preview.kind === "photo"
      ? group.preview.title.trim() || "Untitled photo"
      : `Comment on ${group.preview.photoTitle.trim() || "a photo"}`;

  return (
    <li
      aria-labelledby={headingId}
      data-testid="report-group"
      data-target={`${group.target.kind}:${group.target.id}`}
      className="flex flex-col gap-3 rounded-xl border border-border p-4 sm:flex-row"
    >
      {group.preview.kind === "photo" ? (
        group.preview.imageUrl ? (
          // eslint-disable-next-line @next/next/no-img-element -- a private, uncached preview
          <img
            src={group.preview.imageUrl}
            alt={label}
            className="h-40 w-full rounded-lg bg-surface-muted object-contain sm:w-56"
          />
        ) : (
          <div className="flex h-40 w-full items-center justify-center rounded-lg bg-surface-muted text-sm text-muted sm:w-56">
            No image yet
          </div>
        )
      ) : (
        <blockquote className="w-full rounded-lg bg-surface-muted p-3 text-sm whitespace-pre-wrap sm:w-56">
          {group.preview.body}
        </blockquote>
      )}
      <div className="flex min-w-0 flex-1 flex-col gap-2 text-sm">
        <h2 id={headingId} className="text-base font-semibold text-foreground">
          {label}
        </h2>
        <p className="text-muted">
          {what === "photo" ? "Photo" : "Comment"} by{" "}
          <Link href={`/people/${group.owner.handle}`} className="underline">
            {group.owner.displayName}
          </Link>{" "}
          · <span data-testid="report-count">{group.count}</span> open{" "}
          {group.count === 1 ? "report" : "reports"}
          {group.hidden ? " · already hidden" : ""}
        </p>
        <p>{group.reasons.map((r) => `${REPORT_REASON_LABELS[r.reason]} (${r.count})`).join(", ")}</p>
        <ul className="flex flex-col gap-1 text-muted">
          {group.reporters.map((r) => (
            <li key={`${r.handle}-${r.reportedAt}`}>
              <span className="text-foreground">{r.displayName}</span> (@{r.handle}),{" "}
              <time dateTime={r.reportedAt}>{r.reportedAt.slice(0, 16).replace("T", " ")}</time>
              {r.details ? <q className="ml-1 italic">{r.details}</q> : null}
            </li>
          ))}
        </ul>
        <form
          className="mt-2 flex flex-col gap-2 sm:flex-row sm:items-end"
          onSubmit={(e) => {
            e.preventDefault();
            run(
              () => hideContentAction({ target: group.target, reason }),
              `Hid the ${what}; its owner was told.`,
            );
          }}
        >
          <div className="flex flex-1 flex-col gap-1">
            <label htmlFor={`${id}-reason`} className="font-medium">
              Reason shown to the owner
            </label>
            <input
              id={`${id}-reason`}
              value={reason}
              maxLength={HIDE_REASON_MAX_LENGTH}
              required
              onChange={(e) => setReason(e.target.value)}
              className="h-9 rounded-lg border border-border-strong bg-surface px-3 text-sm text-foreground"
            />
          </div>
          <div className="flex gap-2">
            <button type="submit" disabled={pending} className={buttonClasses("danger", "sm")}>
              Hide {what}
            </button>
            <button
              type="button"
              disabled={pending}
              onClick={() =>
                run(
                  () => dismissReportsAction({ target: group.target }),
                  `Dismissed the reports on the ${what}.`,
                )
              }
              className={buttonClasses("secondary", "sm")}
            >
              Dismiss reports
            </button>
          </div>
        </form>
      </div>
    </li>
  );
}
