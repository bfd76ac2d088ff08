"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/form-state";
import { requestPasswordResetAction } from "@/server/actions/accounts/request-password-reset";
import { FormError } from "@/components/ui/form-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";

const initialState: FormState<"email"> = {};

export function ForgotPasswordForm() {
  const [state, formAction, isPending] = useActionState(requestPasswordResetAction, initialState);
  if (state.ok && state.notice) {
    return (
      <p role="status" className="text-center text-sm text-foreground">
        {state.notice}
      </p>
    );
  }
  return (
    <form action={formAction} noValidate className="flex flex-col gap-5">
      <TextField
        name="email"
        label="Email"
        type="email"
        inputMode="email"
        autoComplete="email"
        autoCapitalize="none"
        spellCheck={false}
        required
        defaultValue={state.values?.email ?? ""}
        error={state.fieldErrors?.email}
      />
      <FormError message={state.error} />
      <SubmitButton size="lg" className="w-full" pending={isPending} pendingLabel="Sending…">
        Send me a link
      </SubmitButton>
    </form>
  );
}
