"use client";

import type { ReactNode } from "react";
import type { BulkState } from "@/server/actions/organize/bulk-input";
import { editPhotosTagsAction } from "@/server/actions/organize/edit-photos-tags";
import { renamePhotosAction } from "@/server/actions/organize/rename-photos";
import { setPhotosDescriptionAction } from "@/server/actions/organize/set-photos-description";
import { shiftPhotosTakenAtAction } from "@/server/actions/organize/shift-photos-taken-at";
import { SubmitButton } from "@/components/ui/submit-button";

type BulkAction = (prev: BulkState, formData: FormData) => Promise<BulkState>;

const fieldClasses =
  "h-9 rounded-lg border border-border-strong bg-surface px-2.5 text-sm text-foreground focus-visible:outline-2 focus-visible:outline-offset-0";
const labelClasses = "text-xs font-medium text-muted";

/**
 * Batch edits of the selected photos' details: titles from a pattern, one description, tags added or
 * removed, the date taken shifted. Each form is one server action on the selection (`ids`); the
 * workspace's Undo reverses whichever ran last.
 */
export function BatchEditPanel({
  id,
  run,
  ids,
}: {
  id: string;
  run: (action: BulkAction) => (formData: FormData) => Promise<void>;
  ids: ReactNode;
}) {
  return (
    <div
      id={id}
      role="group"
      aria-label="Edit the selected photos"
      className="grid gap-4 rounded-lg border border-border p-3 sm:grid-cols-2"
      data-testid="batch-edit-panel"
    >
      <form action={run(renamePhotosAction)} className="flex flex-col gap-1" aria-label="Rename">
        {ids}
        <label htmlFor={`${id}-pattern`} className={labelClasses}>
          Title
        </label>
        <div className="flex gap-2">
          <input
            id={`${id}-pattern`}
            name="pattern"
            placeholder="Lisbon {n}"
            aria-describedby={`${id}-pattern-hint`}
            className={`${fieldClasses} min-w-0 flex-1`}
          />
          <SubmitButton variant="secondary" size="sm" pendingLabel="Renaming…">
            Rename
          </SubmitButton>
        </div>
        <p id={`${id}-pattern-hint`} className="text-xs text-muted">
          {"{n}"} becomes 1, 2, 3… in the order shown.
        </p>
      </form>
      <form action={run(setPhotosDescriptionAction)} className="flex flex-col gap-1" aria-label="Describe">
        {ids}
        <label htmlFor={`${id}-description`} className={labelClasses}>
          Description
        </label>
        <div className="flex items-start gap-2">
          <textarea
            id={`${id}-description`}
            name="description"
            rows={2}
            className={`${fieldClasses} h-auto min-w-0 flex-1 py-1.5`}
          />
          <SubmitButton variant="secondary" size="sm" pendingLabel="Saving…">
            Set description
          </SubmitButton>
        </div>
      </form>
      <form action={run(editPhotosTagsAction)} className="flex flex-col gap-1" aria-label="Tags">
        {ids}
        <div className="flex flex-wrap items-end gap-2">
          <div className="flex min-w-0 flex-1 flex-col gap-1">
            <label htmlFor={`${id}-add-tags`} className={labelClasses}>
              Add tags
            </label>
            <input id={`${id}-add-tags`} name="add" placeholder="lisbon, tram" className={fieldClasses} />
          </div>
          <div className="flex min-w-0 flex-1 flex-col gap-1">
            <label htmlFor={`${id}-remove-tags`} className={labelClasses}>
              Remove tags
            </label>
            <input id={`${id}-remove-tags`} name="remove" className={fieldClasses} />
          </div>
          <SubmitButton variant="secondary" size="sm" pendingLabel="Saving…">
            Change tags
          </SubmitButton>
        </div>
      </form>
      <form action={run(shiftPhotosTakenAtAction)} className="flex flex-col gap-1" aria-label="Date taken">
        {ids}
        <div className="flex flex-wrap items-end gap-2">
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-shift`} className={labelClasses}>
              Shift date taken by
            </label>
            <input
              id={`${id}-shift`}
              name="amount"
              type="number"
              step={1}
              placeholder="-2"
              aria-describedby={`${id}-shift-hint`}
              className={`${fieldClasses} w-24`}
            />
          </div>
          <select name="unit" aria-label="Unit" defaultValue="hours" className={fieldClasses}>
            <option value="minutes">minutes</option>
            <option value="hours">hours</option>
            <option value="days">days</option>
          </select>
          <SubmitButton variant="secondary" size="sm" pendingLabel="Shifting…">
            Shift dates
          </SubmitButton>
        </div>
        <p id={`${id}-shift-hint`} className="text-xs text-muted">
          For a camera whose clock was wrong: negative moves earlier.
        </p>
      </form>
    </div>
  );
}
