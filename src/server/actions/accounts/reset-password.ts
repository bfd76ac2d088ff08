"use server";
import { headers } from "next/headers";
import type { FormState, ResetPasswordField } from "@/lib/form-state";
import { passwordSchema } from "@/lib/schemas/account";
import { resetPassword } from "@/server/data/accounts/reset-password";
import { AppError } from "@/server/errors/app-error";
import { isActionFromElsewhere } from "@/server/http/same-origin";

export async function resetPasswordAction(
  _prev: FormState<ResetPasswordField>,
  formData: FormData,
): Promise<FormState<ResetPasswordField>> {
  if (isActionFromElsewhere(await headers()))
    return { error: "Choose a new password on this site's own page." };
  const parsed = passwordSchema.safeParse(String(formData.get("password") ?? ""));
  if (!parsed.success) return { fieldErrors: { password: parsed.error.issues[0]?.message } };
  try {
    await resetPassword(String(formData.get("token") ?? ""), parsed.data);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return { error: error.message };
    throw error;
  }
  return {
    ok: true,
    notice:
      "Your password was changed. Every browser was signed out and every API token revoked. Sign in with the new password.",
  };
}
