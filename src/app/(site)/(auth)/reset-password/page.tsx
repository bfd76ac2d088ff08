import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { firstParam, type SearchParams } from "@/components/auth/search-params";

export const metadata: Metadata = {
  title: "Choose a new password",
  // The token is in the URL: never sent on as a referrer.
  referrer: "no-referrer",
};

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const token = firstParam((await searchParams).token) ?? "";
  return (
    <AuthCard
      title="Choose a new password"
      subtitle="This signs out every browser and revokes every API token of your account."
    >
      <ResetPasswordForm token={token} />
    </AuthCard>
  );
}
