"use server";
import type { FormState } from "@/lib/form-state";
import { getCurrentUser } from "@/server/auth/current-user";
import { rateLimitKeys, rateLimits, take } from "@/server/cache/rate-limits";
import { sendVerificationMail } from "@/server/data/accounts/register-account";
import { isEmailVerified } from "@/server/data/accounts/is-email-verified";
import { siteOrigin } from "@/server/http/site-origin";

export async function resendVerificationAction(): Promise<FormState> {
  const user = await getCurrentUser();
  if (!user) return { error: "Your session has ended. Sign in again." };
  if (await isEmailVerified(user)) return { ok: true, notice: "Your address is already verified." };
  if (!(await take(rateLimits().emailLookups, rateLimitKeys.person(user.id))).ok)
    return { error: "Too many mails asked for. Try again in a few minutes." };
  await sendVerificationMail(user.id, user.email, await siteOrigin());
  return { ok: true, notice: `We sent a new link to ${user.email}.` };
}
