import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/server/auth/current-user";
import { configuredProviders } from "@/server/auth/providers";
import { AuthCard } from "@/components/auth/auth-card";
import { ProviderButtons } from "@/components/auth/provider-buttons";
import { SignUpForm } from "@/components/auth/sign-up-form";
import {
  callbackUrlFrom,
  firstParam,
  withCallbackUrl,
  type SearchParams,
} from "@/components/auth/search-params";

export const metadata: Metadata = {
  title: "Sign up",
};

export default async function SignUpPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // Someone already signed in has nothing to do here.
  if (await getCurrentUser()) redirect("/");

  const params = await searchParams;
  const callbackUrl = callbackUrlFrom(params);
  // An invitation links here with the address it was sent to.
  const email = firstParam(params.email)?.slice(0, 254);

  return (
    <AuthCard
      title="Create your account"
      subtitle="Join Pinhole and start sharing your photos."
      footer={
        <>
          Already have an account?{" "}
          <Link
            href={withCallbackUrl("/sign-in", callbackUrl)}
            className="font-medium text-accent hover:underline"
          >
            Sign in
          </Link>
        </>
      }
    >
      <ProviderButtons providers={configuredProviders()} callbackUrl={callbackUrl} />
      <SignUpForm callbackUrl={callbackUrl} email={email} />
    </AuthCard>
  );
}
