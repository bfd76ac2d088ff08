"use client";

import { useActionState } from "react";
import type { Visibility } from "@/lib/access";
import { describeUploadVisibility } from "@/lib/upload-visibility";
import { setDefaultVisibilityAction } from "@/server/actions/set-default-visibility";
import { SubmitButton } from "@/components/ui/submit-button";
import { SettingsSection } from "./settings-section";

const CHOICES: Visibility[] = ["PUBLIC", "SHARED", "PRIVATE"];

export function DefaultVisibilitySection({ visibility }: { visibility: Visibility }) {
  const [state, action, pending] = useActionState(setDefaultVisibilityAction, null);
  const current = state?.ok ? state.visibility : visibility;
  return (
    <SettingsSection
      id="default-visibility"
      title="New uploads"
      description="Who sees photos you upload, unless you choose otherwise on the upload page. An upload into a private or shared album is never wider than the album."
    >
      <form action={action} className="flex flex-col gap-3">
        <fieldset className="flex flex-col gap-2">
          <legend className="sr-only">Default visibility for new uploads</legend>
          {CHOICES.map((choice) => (
            <label key={`${choice}-${current}`} className="flex items-center gap-2 text-sm text-foreground">
              <input type="radio" name="visibility" value={choice} defaultChecked={choice === current} />
              {describeUploadVisibility(choice)}
            </label>
          ))}
        </fieldset>
        <div className="flex items-center gap-3">
          <SubmitButton pending={pending} pendingLabel="Saving…">
            Save
          </SubmitButton>
          <p role="status" className="text-sm text-muted">
            {state?.ok ? "Saved." : state ? state.error : ""}
          </p>
        </div>
      </form>
    </SettingsSection>
  );
}
