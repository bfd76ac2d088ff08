"use client";

import { useEffect, useRef, type ReactNode } from "react";
import { buttonClasses } from "@/components/ui/button-styles";
import { SubmitButton } from "@/components/ui/submit-button";

interface BulkDeleteConfirmProps {
  count: number;
  action: (formData: FormData) => Promise<void>;
  onCancel: () => void;
  /** The selection, as hidden inputs. */
  children: ReactNode;
}

// Asks once. The safe choice (Cancel) takes focus; Esc backs out too.
export function BulkDeleteConfirm({ count, action, onCancel, children }: BulkDeleteConfirmProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  const what = count === 1 ? "this photo" : `these ${count} photos`;
  return (
    <form
      action={action}
      role="group"
      aria-labelledby="bulk-delete-question"
      data-testid="bulk-delete-confirm"
      onKeyDown={(event) => {
        if (event.key !== "Escape") return;
        event.preventDefault();
        onCancel();
      }}
      className="flex flex-col gap-3 rounded-xl border border-danger/40 bg-danger-soft p-4"
    >
      {children}
      <p id="bulk-delete-question" className="text-sm text-foreground">
        Move {what} to the trash? They disappear at once, for everyone, from every album. You can restore them
        from the trash for 30 days.
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton variant="danger" size="sm" pendingLabel="Deleting…">
          Yes, delete {count === 1 ? "photo" : "photos"}
        </SubmitButton>
        <button ref={cancelRef} type="button" onClick={onCancel} className={buttonClasses("secondary", "sm")}>
          Cancel
        </button>
      </div>
    </form>
  );
}
