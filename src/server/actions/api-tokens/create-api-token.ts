"use server";
import { revalidatePath } from "next/cache";
import type { CreateApiTokenState } from "@/lib/form-state";
import { createApiTokenSchema, expiryDays } from "@/lib/schemas/api-token";
import { confirmPassword } from "@/server/auth/confirm-password";
import { getCurrentUser } from "@/server/auth/current-user";
import { createApiToken } from "@/server/data/api-tokens/create-api-token";
import { AppError } from "@/server/errors/app-error";

/** Issues a personal access token; the answer carries the token itself, which is never shown again. */
export async function createApiTokenAction(
  _prev: CreateApiTokenState,
  formData: FormData,
): Promise<CreateApiTokenState> {
  const user = await getCurrentUser();
  if (!user) return { error: "Your session has ended. Sign in again." };
  const values = {
    name: String(formData.get("name") ?? ""),
    access: String(formData.get("access") ?? ""),
    // A form without the choice (a page loaded before it existed) gets what it had then: no expiry.
    expiry: String(formData.get("expiry") ?? "never"),
  };
  const parsed = createApiTokenSchema.safeParse(values);
  if (!parsed.success) {
    const fieldErrors: CreateApiTokenState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field === "name" || field === "access" || field === "expiry") fieldErrors[field] ??= issue.message;
    }
    return { fieldErrors, values };
  }
  // A token outlives the session that makes it: a stolen cookie alone must not be able to mint one.
  if (!(await confirmPassword(user, String(formData.get("tokenPassword") ?? "")))) {
    return {
      fieldErrors: { tokenPassword: "Enter your password (signed in more than 10 minutes ago)" },
      values,
    };
  }
  try {
    const { name, access, expiry } = parsed.data;
    const created = await createApiToken(user, { name, access, expiresInDays: expiryDays(expiry) });
    revalidatePath("/settings");
    return { ok: true, created: { id: created.id, name: created.name, token: created.token } };
  } catch (error) {
    if (error instanceof AppError && error.code === "conflict") return { error: error.message, values };
    throw error;
  }
}
