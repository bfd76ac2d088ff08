import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { EmailLinkForm } from "@/components/auth/email-link-form";
import { firstParam, type SearchParams } from "@/components/auth/search-params";

export const metadata: Metadata = {
  title: "Confirm your new address",
  referrer: "no-referrer",
};

export default async function ConfirmEmailPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const token = firstParam((await searchParams).token) ?? "";
  return (
    <AuthCard title="Confirm your new address" subtitle="It replaces your account's current address.">
      <EmailLinkForm token={token} kind="change" label="Use this address" />
    </AuthCard>
  );
}
