"use client";

import Link from "next/link";
import { useActionState } from "react";
import { signInAction } from "@/server/actions/sign-in";
import type { FormState, SignInField } from "@/lib/form-state";
import { TextField } from "@/components/ui/text-field";
import { FormError } from "@/components/ui/form-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { useFocusFirstError } from "./use-focus-first-error";

const initialState: FormState<SignInField> = {};
const fieldOrder: readonly SignInField[] = ["email", "password"];

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, formAction, isPending] = useActionState(signInAction, initialState);
  const formRef = useFocusFirstError(state, fieldOrder);

  return (
    // noValidate: the server's messages are shown beside each field the same way for everyone,
    // rather than the browser's own bubbles for some errors and ours for the rest.
    <form
      ref={formRef}
      action={formAction}
      noValidate
      className="flex flex-col gap-5"
      data-testid="sign-in-form"
    >
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
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
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        error={state.fieldErrors?.password}
        hint={
          <Link href="/forgot-password" className="text-accent hover:underline">
            Forgot your password?
          </Link>
        }
      />
      <FormError message={state.error} />
      <SubmitButton size="lg" className="w-full" pending={isPending} pendingLabel="Signing in…">
        Sign in
      </SubmitButton>
    </form>
  );
}
