import "server-only";
import { timingSafeEqual } from "node:crypto";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import type { ShareLinkGrant } from "@/server/policy/share-links";
import { isShareToken } from "./share-token";

/**
 * The live link behind a token: not revoked and not expired, read from the database on every call
 * (no cache), so revoking takes effect on the next request. Anything else, a malformed token
 * included, is not_found.
 */
export async function resolveShareLink(token: string): Promise<ShareLinkGrant> {
  if (!isShareToken(token)) throw new AppError("not_found", "No such link");
  const row = await db()
    .$primary()
    .shareLink.findFirst({
      where: { token, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
      select: {
        id: true,
        token: true,
        createdById: true,
        photoId: true,
        albumId: true,
        passwordHash: true,
        expiresAt: true,
      },
    });
  // The row came from an exact match on the unique index; it is accepted only after a constant-time
  // comparison as well, so no string comparison that stops early decides access.
  if (!row || !sameToken(row.token, token)) throw new AppError("not_found", "No such link");
  return row;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
