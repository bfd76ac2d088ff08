"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/form-state";
import { LICENSE_CHOICES, licenseLabel, type License } from "@/lib/licenses";
import { setDefaultLicenseAction } from "@/server/actions/licenses/set-default-license";
import { fieldClasses } from "@/components/upload/field-styles";
import { FieldError } from "@/components/upload/field-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { SettingsSection } from "./settings-section";

const initialState: FormState<"license"> = {};

// The license new uploads start with. Each photo's own license is changed on its page.
export function LicenseSection({ defaultLicense }: { defaultLicense: License }) {
  const [state, formAction, pending] = useActionState(setDefaultLicenseAction, initialState);
  const error = state.fieldErrors?.license;
  return (
    <SettingsSection
      id="license"
      title="Default license"
      description="New uploads start with this license; you can change each photo's on its page."
    >
      <form action={formAction} className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="flex min-w-0 flex-1 flex-col gap-1.5">
          <label htmlFor="default-license" className="text-sm font-medium text-foreground">
            License for new uploads
          </label>
          <select
            id="default-license"
            name="license"
            defaultValue={state.values?.license ?? defaultLicense}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "default-license-error" : undefined}
            className={fieldClasses(!!error, "h-11")}
            data-testid="settings-default-license"
          >
            {LICENSE_CHOICES.map((l) => (
              <option key={l.id} value={l.id}>
                {licenseLabel(l.id)}
              </option>
            ))}
          </select>
          <FieldError id="default-license-error" message={error} />
        </div>
        <SubmitButton size="md" pending={pending} pendingLabel="Saving…" data-testid="settings-license-save">
          Save
        </SubmitButton>
      </form>
      {state.ok ? (
        <p role="status" className="mt-2 text-sm text-muted" data-testid="settings-license-status">
          Saved.
        </p>
      ) : null}
    </SettingsSection>
  );
}
