"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { FormState, ResetPasswordField } from "@/lib/form-state";
import { resetPasswordAction } from "@/server/actions/accounts/reset-password";
import { FormError } from "@/components/ui/form-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";

const initialState: FormState<ResetPasswordField> = {};

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, formAction, isPending] = useActionState(resetPasswordAction, initialState);
  if (state.ok && state.notice) {
    return (
      <div role="status" className="flex flex-col gap-3 text-center text-sm text-foreground">
        <p>{state.notice}</p>
        <Link href="/sign-in" className="font-medium text-accent hover:underline">
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <form action={formAction} noValidate className="flex flex-col gap-5">
      <input type="hidden" name="token" value={token} />
      <TextField
        name="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        hint="At least 10 characters."
        error={state.fieldErrors?.password}
      />
      <FormError message={state.error} />
      <SubmitButton size="lg" className="w-full" pending={isPending} pendingLabel="Saving…">
        Set new password
      </SubmitButton>
    </form>
  );
}
