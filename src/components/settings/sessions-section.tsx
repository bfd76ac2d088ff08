import type { SessionSummary } from "@/server/data/list-sessions";
import { SettingsSection } from "./settings-section";
import { SessionRow } from "./session-row";
import { SignOutEverywhereForm } from "./sign-out-everywhere-form";

export function SessionsSection({ sessions, now }: { sessions: SessionSummary[]; now: Date }) {
  // This browser first, so people can orient themselves; the rest keep their newest-first order.
  const ordered = [...sessions].sort((a, b) => Number(b.current) - Number(a.current));

  return (
    <SettingsSection
      id="sessions"
      title="Sessions"
      description="Browsers and apps signed in to your account. If you don’t recognise one, sign it out."
    >
      {ordered.length > 0 ? (
        <ul className="divide-y divide-border" data-testid="session-list">
          {ordered.map((session) => (
            <SessionRow key={session.id} session={session} now={now} />
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted">No active sessions. Reload the page to see this browser.</p>
      )}
      <div className="mt-6">
        <SignOutEverywhereForm />
      </div>
    </SettingsSection>
  );
}
