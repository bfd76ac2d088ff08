"use server";
import { z } from "zod";
import { refusalMessage } from "@/server/actions/albums/action-error";
import { getCurrentUser } from "@/server/auth/current-user";
import { revokeShareLink } from "@/server/data/share-links/revoke-share-link";
import { type RevokeShareLinkResult, SIGN_IN_TO_SHARE } from "./share-link-input";

const revokeInput = z.object({ linkId: z.uuid() });

/** Turns one of the caller's links off; its page and media answer 404 from the next request. */
export async function revokeShareLinkAction(input: unknown): Promise<RevokeShareLinkResult> {
  const parsed = revokeInput.safeParse(input);
  if (!parsed.success) return { ok: false, error: "No such link" };
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: SIGN_IN_TO_SHARE };
  try {
    await revokeShareLink(user, parsed.data.linkId);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: refusalMessage(error) };
  }
}
