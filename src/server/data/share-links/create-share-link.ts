import "server-only";
import type { ShareLinkSummary, ShareLinkTarget } from "@/lib/share-links";
import { hashPassword } from "@/server/auth/password";
import { db } from "@/server/db/client";
import { requireShareTargetOwner } from "@/server/policy/share-links";
import type { Viewer } from "@/server/policy/viewer";
import { newShareToken } from "./share-token";
import { summarySelect, toSummary } from "./share-link-summary";

export interface CreateShareLinkInput {
  target: ShareLinkTarget;
  /** Days until the link stops working; null: until it is revoked. */
  expiresInDays: number | null;
  /** Asked of every visitor before anything is shown; null: none. Stored as argon2id. */
  password: string | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A new link to one of the viewer's own photos or albums; anyone else's is not_found. */
export async function createShareLink(
  viewer: NonNullable<Viewer>,
  input: CreateShareLinkInput,
): Promise<ShareLinkSummary> {
  await requireShareTargetOwner(viewer, input.target);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const row = await db().shareLink.create({
    data: {
      token: newShareToken(),
      createdById: viewer.id,
      ...("photoId" in input.target ? { photoId: input.target.photoId } : { albumId: input.target.albumId }),
      passwordHash,
      expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * DAY_MS) : null,
    },
    select: summarySelect,
  });
  return toSummary(row);
}
