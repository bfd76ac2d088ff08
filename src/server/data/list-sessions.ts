import "server-only";
import type { CurrentUser } from "@/server/auth/current-user";
import { dbFor } from "@/server/db/client";

export interface SessionSummary {
  id: string;
  userAgent: string;
  ip: string;
  createdAt: Date;
  lastSeenAt: Date;
  /** The session of the browser making this request. */
  current: boolean;
}

/** The viewer's live sessions, most recently active first. */
export async function listSessions(viewer: CurrentUser): Promise<SessionSummary[]> {
  const rows = await dbFor(viewer).session.findMany({
    where: { userId: viewer.id, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, userAgent: true, ip: true, createdAt: true, lastSeenAt: true },
    take: 100,
  });
  return rows.map((row) => ({ ...row, current: row.id === viewer.sessionId }));
}
