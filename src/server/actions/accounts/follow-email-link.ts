"use server";
import { headers } from "next/headers";
import type { FormState } from "@/lib/form-state";
import { confirmEmailChange } from "@/server/data/accounts/confirm-email-change";
import { verifyEmail } from "@/server/data/accounts/verify-email";
import { AppError } from "@/server/errors/app-error";
import { isActionFromElsewhere } from "@/server/http/same-origin";

/**
 * A verification or address-change link, used by a button on the page the link opens: a mail
 * scanner that fetches the link (a GET) does not use it up.
 */
export async function followEmailLinkAction(_prev: FormState, formData: FormData): Promise<FormState> {
  if (isActionFromElsewhere(await headers())) return { error: "Use the link from the mail you received." };
  const token = String(formData.get("token") ?? "");
  const kind = formData.get("kind");
  try {
    if (kind === "change") {
      await confirmEmailChange(token);
      return { ok: true, notice: "Your new address is confirmed and is now your account's address." };
    }
    await verifyEmail(token);
    return { ok: true, notice: "Your address is verified. Photos shared with it are yours to see." };
  } catch (error) {
    if (error instanceof AppError && (error.code === "not_found" || error.code === "conflict"))
      return { error: error.message };
    throw error;
  }
}
