"use client";

import { useState } from "react";
import { buttonClasses } from "@/components/ui/button-styles";

/** The token just made, shown this once: only its hash is kept. */
export function NewTokenNotice({ name, token }: { name: string; token: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div
      role="status"
      className="mb-6 rounded-lg border border-border-strong bg-surface-muted p-4"
      data-testid="new-api-token"
    >
      <p className="text-sm font-medium text-foreground">
        Your new token “{name}”. Copy it now: it will not be shown again.
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <label htmlFor="new-api-token-value" className="sr-only">
          New token
        </label>
        <input
          id="new-api-token-value"
          readOnly
          value={token}
          onFocus={(event) => event.currentTarget.select()}
          className="h-10 min-w-0 flex-1 rounded-lg border border-border-strong bg-surface px-3 font-mono text-sm text-foreground"
        />
        <button
          type="button"
          className={buttonClasses("secondary", "sm")}
          onClick={() => {
            void navigator.clipboard?.writeText(token).then(() => setCopied(true));
          }}
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
    </div>
  );
}
