import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import type { Role } from "@/generated/prisma/enums";
import { isActionFromElsewhere } from "@/server/http/same-origin";
import { auth } from "./config";

export interface CurrentUser {
  id: string;
  email: string;
  handle: string;
  displayName: string;
  role: Role;
  /** The row in `sessions` behind this browser's cookie. */
  sessionId: string;
}

/**
 * The signed-in person for this request, or null. Cached per request. A request that could run a
 * server action but does not come from this site is nobody's: its cookie may have been sent by a
 * page elsewhere (CSRF), so every action that asks who is calling refuses it as anonymous.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  if (isActionFromElsewhere(await headers())) return null;
  const session = await auth();
  if (!session?.account || !session.sessionId) return null;
  return { ...session.account, sessionId: session.sessionId };
});
