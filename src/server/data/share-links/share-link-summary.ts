import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { ShareLinkSummary } from "@/lib/share-links";

// What the owner's panel shows of a link. The password hash is read only to say whether there is one.
export const summarySelect = {
  id: true,
  token: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  passwordHash: true,
} satisfies Prisma.ShareLinkSelect;

export function toSummary(
  row: Prisma.ShareLinkGetPayload<{ select: typeof summarySelect }>,
): ShareLinkSummary {
  return {
    id: row.id,
    token: row.token,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    hasPassword: row.passwordHash !== null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}
