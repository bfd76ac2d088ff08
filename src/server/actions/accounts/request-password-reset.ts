"use server";
import { headers } from "next/headers";
import type { FormState } from "@/lib/form-state";
import { emailSchema } from "@/lib/schemas/account";
import { rateLimitKeys, rateLimits, take } from "@/server/cache/rate-limits";
import { requestInfo } from "@/server/auth/request-info";
import { requestPasswordReset } from "@/server/data/accounts/request-password-reset";
import { isActionFromElsewhere } from "@/server/http/same-origin";
import { siteOrigin } from "@/server/http/site-origin";

export async function requestPasswordResetAction(
  _prev: FormState<"email">,
  formData: FormData,
): Promise<FormState<"email">> {
  const h = await headers();
  if (isActionFromElsewhere(h)) return { error: "Ask for a reset from this site's own page." };
  const raw = String(formData.get("email") ?? "");
  const parsed = emailSchema.safeParse(raw);
  if (!parsed.success)
    return { fieldErrors: { email: parsed.error.issues[0]?.message }, values: { email: raw } };
  // Each request may mail someone: counted against the sender's address like failed sign-ins.
  if (!(await take(rateLimits().signInAddress, rateLimitKeys.address(requestInfo(h).ip))).ok)
    return { error: "Too many attempts. Wait a few minutes, then try again.", values: { email: raw } };
  await requestPasswordReset(parsed.data, await siteOrigin());
  // The same answer for an address with and without an account.
  return {
    ok: true,
    notice: `If ${parsed.data} has an account, we sent it a link to choose a new password. It works for an hour.`,
  };
}
