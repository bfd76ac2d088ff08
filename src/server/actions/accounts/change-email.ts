"use server";
import type { ChangeEmailField, FormState } from "@/lib/form-state";
import { emailSchema } from "@/lib/schemas/account";
import { getCurrentUser } from "@/server/auth/current-user";
import { confirmPassword } from "@/server/auth/confirm-password";
import { requestEmailChange } from "@/server/data/accounts/request-email-change";
import { siteOrigin } from "@/server/http/site-origin";

export async function changeEmailAction(
  _prev: FormState<ChangeEmailField>,
  formData: FormData,
): Promise<FormState<ChangeEmailField>> {
  const user = await getCurrentUser();
  if (!user) return { error: "Your session has ended. Sign in again." };
  const raw = String(formData.get("email") ?? "");
  const parsed = emailSchema.safeParse(raw);
  if (!parsed.success)
    return { fieldErrors: { email: parsed.error.issues[0]?.message }, values: { email: raw } };
  // Whoever holds a stolen cookie must not be able to move the account to their own address.
  if (!(await confirmPassword(user, String(formData.get("emailPassword") ?? ""))))
    return {
      fieldErrors: { emailPassword: "Enter your password (signed in more than 10 minutes ago)" },
      values: { email: raw },
    };
  await requestEmailChange(user, parsed.data, await siteOrigin());
  return {
    ok: true,
    notice: `We sent a link to ${parsed.data}. Your address changes once you follow it; ${user.email} was told.`,
  };
}
