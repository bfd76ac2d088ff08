"use server";
import { SHARE_LINK_EXPIRY_DAYS } from "@/lib/share-links";
import { refusalMessage } from "@/server/actions/albums/action-error";
import { getCurrentUser } from "@/server/auth/current-user";
import { createShareLink } from "@/server/data/share-links/create-share-link";
import { type CreateShareLinkResult, createShareLinkSchema, SIGN_IN_TO_SHARE } from "./share-link-input";

/** A new link to one of the caller's photos or albums; anyone else's is "not found". */
export async function createShareLinkAction(input: unknown): Promise<CreateShareLinkResult> {
  const parsed = createShareLinkSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return issue?.path[0] === "password"
      ? { ok: false, error: issue.message, field: "password" }
      : { ok: false, error: "That link could not be made. Reload and try again." };
  }
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: SIGN_IN_TO_SHARE };
  const { target, expiresIn, password } = parsed.data;
  try {
    const link = await createShareLink(user, {
      target,
      expiresInDays: SHARE_LINK_EXPIRY_DAYS[expiresIn],
      password: password || null,
    });
    return { ok: true, link };
  } catch (error) {
    return { ok: false, error: refusalMessage(error) };
  }
}
