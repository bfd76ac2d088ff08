"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { FormState } from "@/lib/form-state";
import { followEmailLinkAction } from "@/server/actions/accounts/follow-email-link";
import { FormError } from "@/components/ui/form-error";
import { SubmitButton } from "@/components/ui/submit-button";

const initialState: FormState = {};

/** The button a mailed link's page shows: the link is used by pressing it, not by opening the page. */
export function EmailLinkForm({
  token,
  kind,
  label,
}: {
  token: string;
  kind: "verify" | "change";
  label: string;
}) {
  const [state, formAction, isPending] = useActionState(followEmailLinkAction, initialState);
  if (state.ok && state.notice) {
    return (
      <div role="status" className="flex flex-col gap-3 text-center text-sm text-foreground">
        <p>{state.notice}</p>
        <Link href="/" className="font-medium text-accent hover:underline">
          Go to Pinhole
        </Link>
      </div>
    );
  }
  return (
    <form action={formAction} className="flex flex-col gap-5">
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="kind" value={kind} />
      <FormError message={state.error} />
      <SubmitButton size="lg" className="w-full" pending={isPending} pendingLabel="Confirming…">
        {label}
      </SubmitButton>
    </form>
  );
}
