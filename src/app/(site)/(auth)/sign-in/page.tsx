import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/server/auth/current-user";
import { configuredProviders } from "@/server/auth/providers";
import { AuthCard } from "@/components/auth/auth-card";
import { AuthErrorBanner } from "@/components/auth/auth-error-banner";
import { ProviderButtons } from "@/components/auth/provider-buttons";
import { SignInForm } from "@/components/auth/sign-in-form";
import {
  callbackUrlFrom,
  firstParam,
  withCallbackUrl,
  type SearchParams,
} from "@/components/auth/search-params";

export const metadata: Metadata = {
  title: "Sign in",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  if (await getCurrentUser()) redirect("/");

  const params = await searchParams;
  const callbackUrl = callbackUrlFrom(params);

  return (
    <AuthCard
      title="Sign in"
      subtitle="Welcome back to Pinhole."
      footer={
        <>
          New to Pinhole?{" "}
          <Link
            href={withCallbackUrl("/sign-up", callbackUrl)}
            className="font-medium text-accent hover:underline"
          >
            Create an account
          </Link>
        </>
      }
    >
      <AuthErrorBanner code={firstParam(params.error)} />
      <ProviderButtons providers={configuredProviders()} callbackUrl={callbackUrl} />
      <SignInForm callbackUrl={callbackUrl} />
    </AuthCard>
  );
}
