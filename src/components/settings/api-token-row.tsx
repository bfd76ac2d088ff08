"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/form-state";
import { revokeApiTokenAction } from "@/server/actions/api-tokens/revoke-api-token";
import type { ApiTokenSummary } from "@/server/data/api-tokens/list-api-tokens";
import { Badge } from "@/components/ui/badge";
import { SubmitButton } from "@/components/ui/submit-button";
import { formatDate, formatRelativeTime } from "@/lib/format-relative-time";

const initialState: FormState = {};

export function ApiTokenRow({ token, now }: { token: ApiTokenSummary; now: Date }) {
  const [state, formAction, isPending] = useActionState(revokeApiTokenAction, initialState);
  const labelId = `api-token-${token.id}-label`;
  const createdAt = new Date(token.createdAt);
  const lastUsedAt = token.lastUsedAt ? new Date(token.lastUsedAt) : null;
  const expiresAt = token.expiresAt ? new Date(token.expiresAt) : null;
  const expired = expiresAt !== null && expiresAt.getTime() <= now.getTime();
  return (
    <li data-testid="api-token-row" className="flex flex-wrap items-center gap-x-4 gap-y-2 py-4 last:pb-0">
      <div className="min-w-0 flex-1 basis-56">
        <p className="flex flex-wrap items-center gap-2 font-medium text-foreground">
          <span id={labelId}>{token.name}</span>
          <Badge>{token.scopes.includes("write") ? "Read and write" : "Read"}</Badge>
        </p>
        <p className="mt-0.5 text-sm text-muted">
          <span className="font-mono">{token.prefix}…</span>
          <span aria-hidden="true"> · </span>
          <span>
            Created <time dateTime={createdAt.toISOString()}>{formatDate(createdAt)}</time>
          </span>
          <span aria-hidden="true"> · </span>
          <span>
            {lastUsedAt ? (
              <>
                Last used{" "}
                <time dateTime={lastUsedAt.toISOString()} title={lastUsedAt.toISOString()}>
                  {formatRelativeTime(lastUsedAt, now)}
                </time>
              </>
            ) : (
              "Never used"
            )}
          </span>
          <span aria-hidden="true"> · </span>
          <span data-testid="api-token-expiry" className={expired ? "text-danger" : undefined}>
            {expiresAt ? (
              <>
                {expired ? "Expired" : "Expires"}{" "}
                <time dateTime={expiresAt.toISOString()}>{formatDate(expiresAt)}</time>
              </>
            ) : (
              "Never expires"
            )}
          </span>
        </p>
        {state.error ? (
          <p role="alert" className="mt-1 text-sm text-danger">
            {state.error}
          </p>
        ) : null}
      </div>
      <form action={formAction}>
        <input type="hidden" name="tokenId" value={token.id} />
        <SubmitButton
          variant="secondary"
          size="sm"
          pending={isPending}
          pendingLabel="Revoking…"
          aria-describedby={labelId}
          data-testid="revoke-api-token"
        >
          Revoke
        </SubmitButton>
      </form>
    </li>
  );
}
