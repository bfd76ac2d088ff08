import "server-only";
import { cookies } from "next/headers";
import { AppError } from "@/server/errors/app-error";
import { isShareLinkUnlocked, shareUnlockCookieName, type ShareLinkGrant } from "@/server/policy/share-links";
import { resolveShareLink } from "./resolve-share-link";

export interface OpenedShareLink {
  link: ShareLinkGrant;
  /** False for a password link until this browser shows that link's unlock cookie. */
  unlocked: boolean;
}

/** The live link behind `token` for this request (pages and the media route), or null. */
export async function openShareLink(token: string): Promise<OpenedShareLink | null> {
  let link: ShareLinkGrant;
  try {
    link = await resolveShareLink(token);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  }
  const cookie = (await cookies()).get(shareUnlockCookieName(link))?.value;
  return { link, unlocked: isShareLinkUnlocked(link, cookie) };
}
