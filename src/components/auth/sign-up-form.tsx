"use client";

import { useActionState, useState } from "react";
import { signUpAction } from "@/server/actions/sign-up";
import type { FormState, SignUpField } from "@/lib/form-state";
import { TextField } from "@/components/ui/text-field";
import { FormError } from "@/components/ui/form-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { useFocusFirstError } from "./use-focus-first-error";

const initialState: FormState<SignUpField> = {};
const fieldOrder: readonly SignUpField[] = ["email", "displayName", "handle", "password"];

export function SignUpForm({ callbackUrl, email }: { callbackUrl?: string; email?: string }) {
  const [state, formAction, isPending] = useActionState(signUpAction, initialState);
  const formRef = useFocusFirstError(state, fieldOrder);

  // Live preview of the profile address. When a submit comes back, the inputs are reset to the
  // server's echoed values, so the preview follows those too (state adjusted during render).
  const [handle, setHandle] = useState(state.values?.handle ?? "");
  const [seenState, setSeenState] = useState(state);
  if (seenState !== state) {
    setSeenState(state);
    setHandle(state.values?.handle ?? "");
  }

  if (state.ok && state.notice) {
    return (
      <div role="status" className="flex flex-col gap-2 text-center" data-testid="sign-up-sent">
        <p className="text-lg font-semibold text-foreground">Check your email</p>
        <p className="text-sm text-muted">{state.notice}</p>
      </div>
    );
  }

  return (
    // noValidate: the server's messages are shown beside each field the same way for everyone,
    // rather than the browser's own bubbles for some errors and ours for the rest.
    <form
      ref={formRef}
      action={formAction}
      noValidate
      className="flex flex-col gap-5"
      data-testid="sign-up-form"
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
        defaultValue={state.values?.email ?? email ?? ""}
        error={state.fieldErrors?.email}
      />
      <TextField
        name="displayName"
        label="Display name"
        type="text"
        autoComplete="name"
        required
        maxLength={100}
        defaultValue={state.values?.displayName ?? ""}
        error={state.fieldErrors?.displayName}
        hint="How your name appears next to your photos."
      />
      <TextField
        name="handle"
        label="Handle"
        type="text"
        autoComplete="username"
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        required
        defaultValue={state.values?.handle ?? ""}
        onChange={(event) => setHandle(event.currentTarget.value)}
        error={state.fieldErrors?.handle}
        hint={
          <>
            Your address:{" "}
            <span className="font-mono text-foreground">/people/{handle.trim() || "<handle>"}</span>.
            Lowercase letters, digits, - and _.
          </>
        }
      />
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        error={state.fieldErrors?.password}
        hint="At least 10 characters. A few unrelated words make a strong, memorable one."
      />
      <FormError message={state.error} />
      <SubmitButton size="lg" className="w-full" pending={isPending} pendingLabel="Creating account…">
        Create account
      </SubmitButton>
    </form>
  );
}
