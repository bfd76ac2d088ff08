import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/server/auth/current-user";
import { listApiTokens } from "@/server/data/api-tokens/list-api-tokens";
import { getDefaultLicense } from "@/server/data/licenses/get-default-license";
import { listSessions } from "@/server/data/list-sessions";
import { isEmailVerified } from "@/server/data/accounts/is-email-verified";
import { getWatermark } from "@/server/data/watermarks/get-watermark";
import { getDefaultVisibility } from "@/server/data/settings/default-visibility";
import { AccountSection } from "@/components/settings/account-section";
import { EmailSection } from "@/components/settings/email-section";
import { DefaultVisibilitySection } from "@/components/settings/default-visibility-section";
import { ApiTokensSection } from "@/components/settings/api-tokens-section";
import { LicenseSection } from "@/components/settings/license-section";
import { PasswordSection } from "@/components/settings/password-section";
import { SessionsSection } from "@/components/settings/sessions-section";
import { WatermarkSection } from "@/components/settings/watermark-section";

export const metadata: Metadata = {
  title: "Settings",
};

export default async function SettingsPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in?callbackUrl=/settings");

  const [sessions, tokens, defaultLicense, verified, watermark, defaultVisibility] = await Promise.all([
    listSessions(user),
    listApiTokens(user),
    getDefaultLicense(user),
    isEmailVerified(user),
    getWatermark(user),
    getDefaultVisibility(user),
  ]);
  const now = new Date();

  return (
    <div className="mx-auto w-full max-w-3xl px-4 py-10 sm:px-6 sm:py-14">
      <h1 className="text-3xl font-semibold tracking-tight text-foreground">Settings</h1>
      <p className="mt-1 text-muted">Your account, where you&rsquo;re signed in, and your access tokens.</p>
      <div className="mt-8 flex flex-col gap-6">
        <AccountSection displayName={user.displayName} handle={user.handle} email={user.email} />
        <EmailSection email={user.email} verified={verified} />
        <LicenseSection defaultLicense={defaultLicense} />
        <DefaultVisibilitySection visibility={defaultVisibility} />
        <PasswordSection />
        <WatermarkSection current={watermark} />
        <SessionsSection sessions={sessions} now={now} />
        <ApiTokensSection tokens={tokens} now={now} />
      </div>
    </div>
  );
}
