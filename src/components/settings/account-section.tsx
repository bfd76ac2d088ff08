import Link from "next/link";
import type { ReactNode } from "react";
import { SettingsSection } from "./settings-section";

interface AccountSectionProps {
  displayName: string;
  handle: string;
  email: string;
}

export function AccountSection({ displayName, handle, email }: AccountSectionProps) {
  const rows: { term: string; value: ReactNode }[] = [
    { term: "Display name", value: displayName },
    {
      term: "Handle",
      value: (
        <Link
          href={`/people/${encodeURIComponent(handle)}`}
          className="font-mono text-accent hover:underline"
        >
          @{handle}
        </Link>
      ),
    },
    { term: "Email", value: <span className="break-all">{email}</span> },
  ];

  return (
    <SettingsSection
      id="account"
      title="Account"
      description="How you appear on Pinhole and how you sign in."
    >
      <dl className="divide-y divide-border">
        {rows.map((row) => (
          <div
            key={row.term}
            className="flex flex-col gap-0.5 py-3 first:pt-0 last:pb-0 sm:flex-row sm:gap-4"
          >
            <dt className="text-sm text-muted sm:w-36 sm:shrink-0">{row.term}</dt>
            <dd className="text-sm font-medium text-foreground">{row.value}</dd>
          </div>
        ))}
      </dl>
    </SettingsSection>
  );
}
