import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/server/auth/current-user";
import { listApiTokens } from "@/server/data/api-tokens/list-api-tokens";
import { listSessions } from "@/server/data/list-sessions";
import { getDefaultVisibility } from "@/server/data/settings/default-visibility";
import { AccountSection } from "@/components/settings/account-section";
import { DefaultVisibilitySection } from "@/components/settings/default-visibility-section";
import { ApiTokensSection } from "@/components/settings/api-tokens-section";
import { PasswordSection } from "@/components/settings/password-section";
import { SessionsSection } from "@/components/settings/sessions-section";

export const metadata: Metadata = {
  title: "Settings",
};

export default async function SettingsPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in?callbackUrl=/settings");

  const [sessions, tokens, defaultVisibility] = await Promise.all([
    listSessions(user),
    listApiTokens(user),
    getDefaultVisibility(user),
  ]);
  const now = new Date();

  return (
    <div className="mx-auto w-full max-w-3xl px-4 py-10 sm:px-6 sm:py-14">
      <h1 className="text-3xl font-semibold tracking-tight text-foreground">Settings</h1>
      <p className="mt-1 text-muted">Your account, where you&rsquo;re signed in, and your access tokens.</p>
      <div className="mt-8 flex flex-col gap-6">
        <AccountSection displayName={user.displayName} handle={user.handle} email={user.email} />
        <DefaultVisibilitySection visibility={defaultVisibility} />
        <PasswordSection />
        <SessionsSection sessions={sessions} now={now} />
        <ApiTokensSection tokens={tokens} now={now} />
      </div>
    </div>
  );
}
