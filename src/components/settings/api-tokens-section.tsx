"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { CreateApiTokenState } from "@/lib/form-state";
import { createApiTokenAction } from "@/server/actions/api-tokens/create-api-token";
import type { ApiTokenSummary } from "@/server/data/api-tokens/list-api-tokens";
import { FormError } from "@/components/ui/form-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { ApiTokenRow } from "./api-token-row";
import { NewTokenNotice } from "./new-token-notice";
import { SettingsSection } from "./settings-section";

const initialState: CreateApiTokenState = {};

const EXPIRY_CHOICES = [
  ["never", "Never: until you revoke it"],
  ["30", "In 30 days"],
  ["90", "In 90 days"],
] as const;

export function ApiTokensSection({ tokens, now }: { tokens: ApiTokenSummary[]; now: Date }) {
  const [state, formAction, isPending] = useActionState(createApiTokenAction, initialState);
  return (
    <SettingsSection
      id="api-tokens"
      title="Access tokens"
      description={
        <>
          For scripts and apps using the{" "}
          <Link href="/developers/api" className="underline">
            Pinhole API
          </Link>
          . A token acts as you: keep it secret, and revoke it when it is no longer used.
        </>
      }
    >
      {state.created ? <NewTokenNotice name={state.created.name} token={state.created.token} /> : null}
      {/* key: a created token clears the form */}
      <form
        key={state.created?.id ?? "form"}
        action={formAction}
        noValidate
        className="flex flex-col gap-4"
        aria-label="New access token"
      >
        <TextField
          name="name"
          label="Token name"
          hint="What will use it, e.g. “backup script”."
          defaultValue={state.values?.name ?? ""}
          maxLength={100}
          error={state.fieldErrors?.name}
        />
        <fieldset className="flex flex-col gap-2">
          <legend className="text-sm font-medium text-foreground">Access</legend>
          <label className="flex items-center gap-2 text-sm text-foreground">
            <input
              type="radio"
              name="access"
              value="read"
              defaultChecked={state.values?.access !== "write"}
              className="size-4 accent-accent"
            />
            Read: list, search and download what you can see
          </label>
          <label className="flex items-center gap-2 text-sm text-foreground">
            <input
              type="radio"
              name="access"
              value="write"
              defaultChecked={state.values?.access === "write"}
              className="size-4 accent-accent"
            />
            Read and write: also upload, edit, delete and favorite
          </label>
          {state.fieldErrors?.access ? (
            <p className="text-sm text-danger">{state.fieldErrors.access}</p>
          ) : null}
        </fieldset>
        <fieldset className="flex flex-col gap-2">
          <legend className="text-sm font-medium text-foreground">Expires</legend>
          {EXPIRY_CHOICES.map(([value, label]) => (
            <label key={value} className="flex items-center gap-2 text-sm text-foreground">
              <input
                type="radio"
                name="expiry"
                value={value}
                defaultChecked={(state.values?.expiry ?? "never") === value}
                className="size-4 accent-accent"
              />
              {label}
            </label>
          ))}
          {state.fieldErrors?.expiry ? (
            <p className="text-sm text-danger">{state.fieldErrors.expiry}</p>
          ) : null}
        </fieldset>
        <TextField
          name="tokenPassword"
          label="Your password"
          type="password"
          autoComplete="current-password"
          hint="Not needed within 10 minutes of signing in."
          error={state.fieldErrors?.tokenPassword}
        />
        <FormError message={state.error} />
        <div>
          <SubmitButton pending={isPending} pendingLabel="Creating…">
            Create token
          </SubmitButton>
        </div>
      </form>
      {tokens.length > 0 ? (
        <ul className="mt-6 divide-y divide-border border-t border-border pt-2" data-testid="api-token-list">
          {tokens.map((token) => (
            <ApiTokenRow key={token.id} token={token} now={now} />
          ))}
        </ul>
      ) : (
        <p className="mt-6 text-sm text-muted">No tokens yet.</p>
      )}
    </SettingsSection>
  );
}
