"use client";

import { useActionState } from "react";
import type { WatermarkState } from "@/lib/form-state";
import { CORNER_LABELS, WATERMARK_CORNERS, type WatermarkInput } from "@/lib/schemas/watermark";
import { updateWatermarkAction } from "@/server/actions/watermarks/update-watermark";
import { FormError } from "@/components/ui/form-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { SettingsSection } from "./settings-section";

const initialState: WatermarkState = {};

export function WatermarkSection({ current }: { current: WatermarkInput }) {
  const [state, formAction, isPending] = useActionState(updateWatermarkAction, initialState);
  const values = state.values ?? {
    text: current.text,
    corner: current.corner,
    opacity: String(current.opacity),
  };
  return (
    <SettingsSection
      id="watermark"
      title="Watermark"
      description="Optional. Drawn in a corner of your photos as others see them from 800 px wide up; never on your originals or the small sizes."
    >
      <form
        key={JSON.stringify(values)}
        action={formAction}
        noValidate
        aria-label="Watermark"
        className="flex flex-col gap-4"
      >
        <TextField
          name="watermarkText"
          label="Text"
          defaultValue={values.text}
          maxLength={60}
          hint="Empty: no watermark."
          error={state.fieldErrors?.text}
        />
        <div className="flex flex-wrap gap-4">
          <div className="flex flex-col gap-1.5">
            <label htmlFor="watermarkCorner" className="text-sm font-medium text-foreground">
              Corner
            </label>
            <select
              id="watermarkCorner"
              name="watermarkCorner"
              defaultValue={values.corner}
              className="h-11 rounded-lg border border-border-strong bg-surface px-3 text-foreground"
            >
              {WATERMARK_CORNERS.map((corner) => (
                <option key={corner} value={corner}>
                  {CORNER_LABELS[corner]}
                </option>
              ))}
            </select>
          </div>
          <TextField
            name="watermarkOpacity"
            label="Opacity (%)"
            type="number"
            min={10}
            max={100}
            step={5}
            defaultValue={values.opacity}
            error={state.fieldErrors?.opacity}
            className="w-28"
          />
        </div>
        <FormError message={state.error} />
        {state.ok ? (
          <p role="status" className="text-sm text-foreground" data-testid="watermark-status">
            Saved.
            {state.queued
              ? ` ${state.queued} ${state.queued === 1 ? "photo is" : "photos are"} being redrawn; their addresses change when done.`
              : null}
          </p>
        ) : null}
        <div>
          <SubmitButton pending={isPending} pendingLabel="Saving…">
            Save watermark
          </SubmitButton>
        </div>
      </form>
    </SettingsSection>
  );
}
