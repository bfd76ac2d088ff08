"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/form-state";
import { unlockShareLinkAction } from "@/server/actions/share-links/unlock-share-link";
import { FormError } from "@/components/ui/form-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";

const initialState: FormState = {};

// A password link shows nothing (not even a title) until the password is given.
export function ShareUnlockForm({ token, photoId }: { token: string; photoId?: string }) {
  const [state, formAction, pending] = useActionState(unlockShareLinkAction, initialState);
  return (
    <div className="mx-auto flex w-full max-w-md flex-1 flex-col justify-center px-4 py-16">
      <h1 className="text-2xl font-semibold tracking-tight text-foreground">This link is protected</h1>
      <p className="mt-2 text-pretty text-muted">
        Whoever shared it with you set a password. Enter it to see what they shared.
      </p>
      <form
        action={formAction}
        noValidate
        className="mt-6 flex flex-col gap-5"
        data-testid="share-unlock-form"
      >
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="photoId" value={photoId ?? ""} />
        <TextField
          name="password"
          label="Password"
          type="password"
          autoComplete="off"
          required
          autoFocus
          error={state.fieldErrors?.password}
        />
        <FormError message={state.error} />
        <SubmitButton pending={pending} pendingLabel="Checking…">
          Open
        </SubmitButton>
      </form>
    </div>
  );
}
