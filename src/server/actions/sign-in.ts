"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { headers } from "next/headers";
import type { FormState, SignInField } from "@/lib/form-state";
import { safeCallbackUrl } from "@/lib/schemas/account";
import { signIn } from "@/server/auth/config";
import { isActionFromElsewhere } from "@/server/http/same-origin";

const INVALID = "Email or password is incorrect.";
const CROSS_SITE = "Sign in from this site's own sign-in page.";

export async function signInAction(
  _prev: FormState<SignInField>,
  formData: FormData,
): Promise<FormState<SignInField>> {
  // Signing a browser in from another site (login CSRF) is refused like any cross-site action.
  if (isActionFromElsewhere(await headers())) return { error: CROSS_SITE };
  const email = String(formData.get("email") ?? "").trim();
  const password = String(formData.get("password") ?? "");
  const values = { email };
  const fieldErrors: FormState<SignInField>["fieldErrors"] = {};
  if (!email) fieldErrors.email = "Enter your email address";
  if (!password) fieldErrors.password = "Enter your password";
  if (fieldErrors.email || fieldErrors.password) return { fieldErrors, values };

  try {
    await signIn("credentials", {
      email,
      password,
      redirectTo: safeCallbackUrl(formData.get("callbackUrl")),
    });
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      if (error.code === "rate_limited") {
        return { error: "Too many sign-in attempts. Wait a few minutes, then try again.", values };
      }
      // One answer for an unknown email and a wrong password.
      return { error: INVALID, values };
    }
    if (error instanceof AuthError) return { error: "Signing in failed. Try again.", values };
    throw error;
  }
  return { ok: true };
}
