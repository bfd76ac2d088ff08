"use client";

import { useActionState } from "react";
import type { ChangeEmailField, FormState } from "@/lib/form-state";
import { changeEmailAction } from "@/server/actions/accounts/change-email";
import { resendVerificationAction } from "@/server/actions/accounts/resend-verification";
import { FormError } from "@/components/ui/form-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { SettingsSection } from "./settings-section";

const initialState: FormState<ChangeEmailField> = {};

export function EmailSection({ email, verified }: { email: string; verified: boolean }) {
  const [state, formAction, isPending] = useActionState(changeEmailAction, initialState);
  const [resent, resend, isResending] = useActionState(resendVerificationAction, {} as FormState);
  return (
    <SettingsSection
      id="email"
      title="Email address"
      description={
        verified
          ? `${email} is verified.`
          : `${email} is not verified yet: nobody can share photos with it until you follow the link we mailed.`
      }
    >
      {verified ? null : (
        <form action={resend} className="mb-4 flex flex-col gap-2">
          <FormError message={resent.error} />
          {resent.notice ? (
            <p role="status" className="text-sm text-foreground">
              {resent.notice}
            </p>
          ) : null}
          <div>
            <SubmitButton pending={isResending} pendingLabel="Sending…">
              Send the link again
            </SubmitButton>
          </div>
        </form>
      )}
      <form key={state.ok ? "done" : "form"} action={formAction} noValidate className="flex flex-col gap-4">
        <TextField
          name="email"
          label="New email address"
          type="email"
          autoComplete="email"
          defaultValue={state.values?.email ?? ""}
          error={state.fieldErrors?.email}
          hint="We mail it a link; it replaces your current address once you follow it."
        />
        <TextField
          name="emailPassword"
          label="Your password"
          type="password"
          autoComplete="current-password"
          hint="Not needed within 10 minutes of signing in."
          error={state.fieldErrors?.emailPassword}
        />
        <FormError message={state.error} />
        {state.ok && state.notice ? (
          <p role="status" className="text-sm text-foreground">
            {state.notice}
          </p>
        ) : null}
        <div>
          <SubmitButton pending={isPending} pendingLabel="Sending…">
            Change email
          </SubmitButton>
        </div>
      </form>
    </SettingsSection>
  );
}
