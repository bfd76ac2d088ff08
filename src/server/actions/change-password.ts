"use server";
import { revalidatePath } from "next/cache";
import type { ChangePasswordField, FormState } from "@/lib/form-state";
import { passwordSchema } from "@/lib/schemas/account";
import { changePassword } from "@/server/auth/change-password";
import { getCurrentUser } from "@/server/auth/current-user";
import { AppError } from "@/server/errors/app-error";

export async function changePasswordAction(
  _prev: FormState<ChangePasswordField>,
  formData: FormData,
): Promise<FormState<ChangePasswordField>> {
  const user = await getCurrentUser();
  if (!user) return { error: "Your session has ended. Sign in again." };
  const current = String(formData.get("currentPassword") ?? "");
  const parsed = passwordSchema.safeParse(String(formData.get("newPassword") ?? ""));
  if (!parsed.success) return { fieldErrors: { newPassword: parsed.error.issues[0]?.message } };
  try {
    await changePassword(user, current, parsed.data);
  } catch (error) {
    if (error instanceof AppError && error.field === "currentPassword") {
      return { fieldErrors: { currentPassword: error.message } };
    }
    throw error;
  }
  revalidatePath("/settings");
  return { ok: true };
}
