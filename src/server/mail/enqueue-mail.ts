import "server-only";
import { db, type DbTransaction } from "@/server/db/client";
import { enqueueJob } from "@/server/jobs/enqueue";
import type { Mail } from "./compose-mail";

/**
 * Queues a mail: the send-mail job delivers it (with retries), so a mail server that is down never
 * fails the request that caused the mail. Given a transaction, the mail commits with its cause.
 */
export async function enqueueMail(mail: Mail, tx?: Pick<DbTransaction, "$executeRaw">): Promise<void> {
  await enqueueJob(tx ?? db(), { kind: "send-mail", payload: { mail } });
}
