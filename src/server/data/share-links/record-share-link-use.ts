import "server-only";
import { db } from "@/server/db/client";
import type { ShareLinkGrant } from "@/server/policy/share-links";

// "Last used" is for the owner's eyes, to the minute at best: one write a minute per link at most,
// however busy its page is.
const EVERY_MS = 60_000;

/** Notes that someone opened the link (its page, not each image). */
export async function recordShareLinkUse(link: Pick<ShareLinkGrant, "id">): Promise<void> {
  const now = new Date();
  await db().shareLink.updateMany({
    where: {
      id: link.id,
      OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - EVERY_MS) } }],
    },
    data: { lastUsedAt: now },
  });
}
