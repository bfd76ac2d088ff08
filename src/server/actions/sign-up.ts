"use server";
import { AuthError } from "next-auth";
import { headers } from "next/headers";
import type { FormState, SignUpField } from "@/lib/form-state";
import { safeCallbackUrl, signUpSchema } from "@/lib/schemas/account";
import { signIn } from "@/server/auth/config";
import { createUser } from "@/server/data/create-user";
import { AppError } from "@/server/errors/app-error";
import { isActionFromElsewhere } from "@/server/http/same-origin";

export async function signUpAction(
  _prev: FormState<SignUpField>,
  formData: FormData,
): Promise<FormState<SignUpField>> {
  // Creating (and signing a browser into) an account from another site is refused.
  if (isActionFromElsewhere(await headers())) return { error: "Sign up from this site's own sign-up page." };
  const raw = {
    email: String(formData.get("email") ?? ""),
    displayName: String(formData.get("displayName") ?? ""),
    handle: String(formData.get("handle") ?? ""),
    password: String(formData.get("password") ?? ""),
  };
  const values = { email: raw.email, displayName: raw.displayName, handle: raw.handle };
  const parsed = signUpSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: FormState<SignUpField>["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as SignUpField;
      fieldErrors[field] ??= issue.message;
    }
    return { fieldErrors, values };
  }
  try {
    await createUser(parsed.data);
  } catch (error) {
    if (error instanceof AppError && error.code === "conflict" && error.field) {
      return { fieldErrors: { [error.field]: error.message }, values };
    }
    throw error;
  }
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeCallbackUrl(formData.get("callbackUrl")),
    });
  } catch (error) {
    // The account exists; only the automatic sign-in failed (e.g. the address is rate limited).
    if (error instanceof AuthError) {
      return { error: "Your account was created, but signing in failed. Try signing in.", values };
    }
    throw error;
  }
  return { ok: true };
}
