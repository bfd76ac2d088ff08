import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { EmailLinkForm } from "@/components/auth/email-link-form";
import { firstParam, type SearchParams } from "@/components/auth/search-params";

export const metadata: Metadata = {
  title: "Verify your address",
  referrer: "no-referrer",
};

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const token = firstParam((await searchParams).token) ?? "";
  return (
    <AuthCard title="Verify your address" subtitle="Confirm that this email address is yours.">
      <EmailLinkForm token={token} kind="verify" label="Verify my address" />
    </AuthCard>
  );
}
