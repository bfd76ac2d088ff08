import "server-only";
import { cache } from "react";
import type { Role } from "@/generated/prisma/enums";
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

/** The signed-in person for this request, or null. Cached per request. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  if (!session?.account || !session.sessionId) return null;
  return { ...session.account, sessionId: session.sessionId };
});
