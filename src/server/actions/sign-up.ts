"use server";
import { headers } from "next/headers";
import type { FormState, SignUpField } from "@/lib/form-state";
import { signUpSchema } from "@/lib/schemas/account";
import { registerAccount } from "@/server/data/accounts/register-account";
import { AppError } from "@/server/errors/app-error";
import { isActionFromElsewhere } from "@/server/http/same-origin";
import { siteOrigin } from "@/server/http/site-origin";

export async function signUpAction(
  _prev: FormState<SignUpField>,
  formData: FormData,
): Promise<FormState<SignUpField>> {
  // Creating an account from another site is refused.
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
    await registerAccount(parsed.data, await siteOrigin());
  } catch (error) {
    if (error instanceof AppError && error.code === "conflict" && error.field) {
      return { fieldErrors: { [error.field]: error.message }, values };
    }
    throw error;
  }
  // The same words whether the address was free or taken: the mail tells its owner which.
  return {
    ok: true,
    notice: `We sent a message to ${parsed.data.email}. Follow the link in it to verify your address, then sign in.`,
  };
}
