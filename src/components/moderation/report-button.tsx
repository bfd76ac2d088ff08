"use client";

import { useId, useRef, useState, useTransition } from "react";
import {
  REPORT_DETAILS_MAX_LENGTH,
  REPORT_REASON_LABELS,
  REPORT_REASONS,
  type ReportReason,
  type ReportTarget,
} from "@/lib/schemas/report";
import { reportContentAction } from "@/server/actions/moderation/report-content";
import { buttonClasses } from "@/components/ui/button-styles";
import { FormError } from "@/components/ui/form-error";

/**
 * "Report" and its dialog: a reason from the fixed set and optional words, sent to the moderators.
 * A native modal <dialog>: focus moves into it and stays there, Esc closes it, and focus returns to
 * the button afterwards. The answer ("Thanks…", or "already reported") stays beside the button.
 */
export function ReportButton({ target, label }: { target: ReportTarget; label: string }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [reason, setReason] = useState<ReportReason | null>(null);
  const [details, setDetails] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [sent, setSent] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const what = target.kind;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!reason) return setError("Choose a reason.");
    startTransition(async () => {
      const result = await reportContentAction({ target, reason, details });
      if (!result.ok) return setError(result.error);
      setError(undefined);
      setSent(result.message);
      dialogRef.current?.close();
    });
  };

  return (
    <div className="flex flex-col gap-1">
      <button
        type="button"
        onClick={() => {
          setError(undefined);
          dialogRef.current?.showModal();
        }}
        aria-haspopup="dialog"
        className={buttonClasses("ghost", "sm", "self-start text-muted")}
      >
        {label}
      </button>
      <p role="status" className={sent ? "text-sm text-muted" : "sr-only"}>
        {sent ?? ""}
      </p>
      <dialog
        ref={dialogRef}
        aria-labelledby={`${id}-title`}
        data-testid="report-dialog"
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-2xl bg-surface p-0 text-foreground shadow-2xl backdrop:bg-black/60"
      >
        <form onSubmit={submit} className="flex flex-col gap-4 p-5">
          <h2 id={`${id}-title`} className="text-lg font-semibold">
            Report this {what}
          </h2>
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-medium">Why should a moderator look at it?</legend>
            {REPORT_REASONS.map((r) => (
              <label key={r} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name={`${id}-reason`}
                  value={r}
                  checked={reason === r}
                  onChange={() => setReason(r)}
                  className="size-4 accent-accent"
                />
                {REPORT_REASON_LABELS[r]}
              </label>
            ))}
          </fieldset>
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-details`} className="text-sm font-medium">
              Anything else the moderator should know? <span className="text-muted">(optional)</span>
            </label>
            <textarea
              id={`${id}-details`}
              rows={3}
              maxLength={REPORT_DETAILS_MAX_LENGTH}
              value={details}
              onChange={(e) => setDetails(e.target.value)}
              aria-describedby={`${id}-details-hint`}
              className="rounded-lg border border-border-strong bg-surface px-3 py-2 text-sm text-foreground"
            />
            <p id={`${id}-details-hint`} className="text-xs text-muted">
              {details.length.toLocaleString("en")} / {REPORT_DETAILS_MAX_LENGTH.toLocaleString("en")}{" "}
              characters. The owner is not told who reported it.
            </p>
          </div>
          <FormError id={`${id}-error`} message={error} />
          <div className="flex justify-end gap-2">
            <button
              type="button"
              onClick={() => dialogRef.current?.close()}
              className={buttonClasses("ghost", "sm")}
            >
              Cancel
            </button>
            <button type="submit" disabled={pending} className={buttonClasses("danger", "sm")}>
              Send report
            </button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
