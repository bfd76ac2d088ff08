import "server-only";
import { pubsub } from "@/server/cache/pubsub";
import { db, type DbTransaction } from "@/server/db/client";
import { logger } from "@/server/log/logger";
import type { RequestInfo } from "./request-info";

export const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;
// Sliding expiry and "last active" are refreshed at most this often, to keep reads read-only.
const TOUCH_AFTER_MS = 5 * 60 * 1000;

export async function createSession(userId: string, info: RequestInfo): Promise<string> {
  const session = await db().session.create({
    data: {
      userId,
      ip: info.ip,
      userAgent: info.userAgent,
      expiresAt: new Date(Date.now() + SESSION_MAX_AGE_S * 1000),
    },
    select: { id: true },
  });
  return session.id;
}

export interface SessionUser {
  id: string;
  email: string;
  handle: string;
  displayName: string;
  role: "USER" | "ADMIN";
}

/** The user behind a live session, or null when the session was revoked, expired or never existed. */
export async function loadSessionUser(sessionId: string): Promise<SessionUser | null> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return null;
  const session = await db()
    .$primary()
    .session.findFirst({
      where: { id: sessionId, revokedAt: null, expiresAt: { gt: new Date() } },
      select: {
        lastSeenAt: true,
        user: { select: { id: true, email: true, handle: true, displayName: true, role: true } },
      },
    });
  if (!session) return null;
  if (Date.now() - session.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await db()
      .session.update({
        where: { id: sessionId },
        data: { lastSeenAt: new Date(), expiresAt: new Date(Date.now() + SESSION_MAX_AGE_S * 1000) },
      })
      .catch(() => undefined);
  }
  return session.user;
}

export async function revokeSession(userId: string, sessionId: string): Promise<boolean> {
  const { count } = await db().session.updateMany({
    where: { id: sessionId, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count > 0) await announceSessionsEnded(userId);
  return count > 0;
}

export async function revokeAllSessions(userId: string): Promise<number> {
  const { count } = await db().session.updateMany({
    where: { userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count > 0) await announceSessionsEnded(userId);
  return count;
}

/** Whether the session is still signed in (not revoked, not expired). */
export async function isSessionLive(sessionId: string): Promise<boolean> {
  const live = await db()
    .$primary()
    .session.findFirst({
      where: { id: sessionId, revokedAt: null, expiresAt: { gt: new Date() } },
      select: { id: true },
    });
  return live !== null;
}

/** Where a user's open streams (on any instance) hear that some of that user's sessions ended. */
export function sessionsEndedChannel(userId: string): string {
  return `pinhole:sessions-ended:${userId}`;
}

/** Tells the user's open streams to check their session, after the revocation committed. Never throws. */
export async function announceSessionsEnded(userId: string): Promise<void> {
  try {
    await pubsub().publish(sessionsEndedChannel(userId), "");
  } catch (error) {
    logger().error({ err: error, userId }, "announcing ended sessions failed");
  }
}

/**
 * Ends every session of the user but `keepSessionId` (none: all of them) and revokes every API token:
 * what a password change, a reset and "sign out everywhere" mean, so a stolen cookie cannot outlive
 * them, nor a token made with it. Call announceSessionsEnded once the transaction has committed.
 */
export async function revokeAllAccess(
  tx: Pick<DbTransaction, "session" | "apiToken">,
  userId: string,
  keepSessionId?: string,
): Promise<void> {
  const now = new Date();
  await tx.session.updateMany({
    where: { userId, revokedAt: null, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) },
    data: { revokedAt: now },
  });
  await tx.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
}
