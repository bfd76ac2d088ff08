"use server";
import { headers } from "next/headers";
import { safeCallbackUrl } from "@/lib/schemas/account";
import { signIn } from "@/server/auth/config";
import { configuredProviders } from "@/server/auth/providers";
import { isActionFromElsewhere } from "@/server/http/same-origin";

export async function signInWithProviderAction(formData: FormData): Promise<void> {
  if (isActionFromElsewhere(await headers())) return;
  const provider = String(formData.get("provider") ?? "");
  if (!configuredProviders().some((p) => p.id === provider)) return;
  await signIn(provider, { redirectTo: safeCallbackUrl(formData.get("callbackUrl")) });
}
