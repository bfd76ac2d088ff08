"use server";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { env } from "@/env";
import type { FormState } from "@/lib/form-state";
import { shareLinkPath } from "@/lib/share-links";
import { unlockShareLink } from "@/server/data/share-links/unlock-share-link";

const unlockInput = z.object({
  token: z.string().max(100),
  password: z.string().min(1, "Enter the password").max(1000),
  // The shared album's photo the visitor was opening, to go back to once unlocked.
  photoId: z.union([z.uuid(), z.literal("")]),
});

/**
 * Anyone holding a password link may call this (no account needed). The right password sets an
 * HttpOnly cookie that opens that link only, then reloads the page it was asked on.
 */
export async function unlockShareLinkAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = unlockInput.safeParse({
    token: String(formData.get("token") ?? ""),
    password: String(formData.get("password") ?? ""),
    photoId: String(formData.get("photoId") ?? ""),
  });
  if (!parsed.success) {
    const passwordIssue = parsed.error.issues.find((i) => i.path[0] === "password");
    return passwordIssue
      ? { fieldErrors: { password: passwordIssue.message } }
      : { error: "This link does not work any more." };
  }
  const { token, password, photoId } = parsed.data;
  const requestHeaders = await headers();
  const result = await unlockShareLink(token, password, requestHeaders);
  if (!result.ok) {
    if (result.reason === "rate_limited") {
      return { error: "Too many wrong passwords. Wait a few minutes, then try again." };
    }
    if (result.reason === "invalid") return { fieldErrors: { password: "That password is not right." } };
    return { error: "This link does not work any more." };
  }
  if (result.cookie) {
    (await cookies()).set(result.cookie.name, result.cookie.value, {
      httpOnly: true,
      sameSite: "lax",
      secure: isHttps(requestHeaders),
      // The media route needs it as well as the page: /media/… is outside /s/.
      path: "/",
      maxAge: result.cookie.maxAgeS,
    });
  }
  redirect(photoId ? `${shareLinkPath(token)}/${photoId}` : shareLinkPath(token));
}

// Secure cookies when the site is served over HTTPS (configured, or as the proxy reports it).
function isHttps(h: Headers): boolean {
  const configured = env().AUTH_URL;
  if (configured) return new URL(configured).protocol === "https:";
  return h.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}
