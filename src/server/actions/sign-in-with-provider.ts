"use server";
import { safeCallbackUrl } from "@/lib/schemas/account";
import { signIn } from "@/server/auth/config";
import { configuredProviders } from "@/server/auth/providers";

export async function signInWithProviderAction(formData: FormData): Promise<void> {
  const provider = String(formData.get("provider") ?? "");
  if (!configuredProviders().some((p) => p.id === provider)) return;
  await signIn(provider, { redirectTo: safeCallbackUrl(formData.get("callbackUrl")) });
}
