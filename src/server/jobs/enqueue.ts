import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { DbTransaction } from "@/server/db/client";

export type JobKind = "process-photo" | "delete-photo-files";

type Tx = Pick<DbTransaction, "job">;

/** Adds a job in the caller's transaction: the outbox row commits with the change that needs it. */
export async function enqueueJob(
  tx: Tx,
  job: { kind: JobKind; photoId?: string; payload?: Prisma.InputJsonValue; runAt?: Date },
): Promise<void> {
  await tx.job.create({
    data: { kind: job.kind, photoId: job.photoId, payload: job.payload ?? {}, runAt: job.runAt },
  });
}
