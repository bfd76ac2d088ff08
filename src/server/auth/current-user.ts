import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import type { Role } from "@/generated/prisma/enums";
import { db } from "@/server/db/client";
import { isActionFromElsewhere } from "@/server/http/same-origin";
import { auth } from "./config";
import { sessionLookupFailure } from "./session-lookup-failure";

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
  if (!session?.account || !session.sessionId) {
    // Auth.js swallows an error in the session lookup and answers "nobody": with the database down,
    // every signed-in person would be told to sign in. The lookup's own error, kept for this request,
    // surfaces as what it is (a 503 to retry), even if the database is back by now; failing that, a
    // session cookie that found no session asks the database once more.
    const failure = await sessionLookupFailure();
    if (failure) throw failure;
    const jar = await cookies();
    if (jar.getAll().some((c) => SESSION_COOKIE.test(c.name))) await db().$queryRaw`SELECT 1`;
    return null;
  }
  return { ...session.account, sessionId: session.sessionId };
});

// Auth.js's session cookie, over http or https, whole or in chunks (`.0`, `.1`).
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;
