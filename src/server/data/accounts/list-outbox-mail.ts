import "server-only";
import { db } from "@/server/db/client";
import type { CurrentUser } from "@/server/auth/current-user";
import { outboxScope } from "@/server/policy/outbox";

export interface OutboxMailRow {
  id: string;
  recipient: string;
  subject: string;
  text: string;
  createdAt: Date;
}

/** The newest kept mails the viewer may read, or null where the outbox is not theirs to see. */
export async function listOutboxMail(viewer: CurrentUser | null): Promise<OutboxMailRow[] | null> {
  const scope = outboxScope(viewer, viewer?.email);
  if (!scope) return null;
  return db()
    .$primary()
    .outboxMail.findMany({
      where: scope,
      orderBy: { createdAt: "desc" },
      take: 50,
      select: { id: true, recipient: true, subject: true, text: true, createdAt: true },
    });
}
