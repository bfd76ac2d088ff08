"use client";

import { useActionState } from "react";
import type { ChangePasswordField, FormState } from "@/lib/form-state";
import { changePasswordAction } from "@/server/actions/change-password";
import { FormError } from "@/components/ui/form-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { SettingsSection } from "./settings-section";

const initialState: FormState<ChangePasswordField> = {};

export function PasswordSection() {
  const [state, formAction, isPending] = useActionState(changePasswordAction, initialState);
  return (
    <SettingsSection
      id="password"
      title="Password"
      description="Changing it signs out every other browser and revokes every API token."
    >
      {/* key: a successful change clears the inputs */}
      <form key={state.ok ? "done" : "form"} action={formAction} noValidate className="flex flex-col gap-4">
        <TextField
          name="currentPassword"
          label="Current password"
          type="password"
          autoComplete="current-password"
          error={state.fieldErrors?.currentPassword}
        />
        <TextField
          name="newPassword"
          label="New password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters."
          error={state.fieldErrors?.newPassword}
        />
        <FormError message={state.error} />
        {state.ok ? (
          <p role="status" className="text-sm text-foreground">
            Password changed. Other sessions were signed out and every API token revoked.
          </p>
        ) : null}
        <div>
          <SubmitButton pending={isPending} pendingLabel="Changing…">
            Change password
          </SubmitButton>
        </div>
      </form>
    </SettingsSection>
  );
}
