"use server";
import { refusalMessage } from "@/server/actions/albums/action-error";
import { getCurrentUser } from "@/server/auth/current-user";
import { listShareLinks } from "@/server/data/share-links/list-share-links";
import { type ListShareLinksResult, shareTargetSchema, SIGN_IN_TO_SHARE } from "./share-link-input";

/** The caller's links to one of their photos or albums (for a panel rendered without them). */
export async function listShareLinksAction(target: unknown): Promise<ListShareLinksResult> {
  const parsed = shareTargetSchema.safeParse(target);
  if (!parsed.success) return { ok: false, error: "Not found" };
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: SIGN_IN_TO_SHARE };
  try {
    return { ok: true, links: await listShareLinks(user, parsed.data) };
  } catch (error) {
    return { ok: false, error: refusalMessage(error) };
  }
}
