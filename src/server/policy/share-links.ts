import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import { env } from "@/env";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import type { ShareLinkTarget } from "@/lib/share-links";
import { requireAlbumOwner } from "./albums";
import { isUuid, requirePhotoOwner } from "./photos";
import type { Viewer } from "./viewer";

/** A live share link (not revoked, not expired), as resolve-share-link returns it. Server-side only. */
export interface ShareLinkGrant {
  id: string;
  token: string;
  createdById: string;
  photoId: string | null;
  albumId: string | null;
  /** argon2id, or null for a link without a password. Never leaves the server. */
  passwordHash: string | null;
  expiresAt: Date | null;
}

// What a share link lets its holder read, as one condition every link read composes with: exactly
// the linked photo, or the photos that are in the linked album right now (home or not); in both cases only photos
// of the link's creator that are ready, not hidden by a moderator and not deleted. Nothing else: not
// the owner's other photos or albums, whatever their visibility (that is the ordinary policy's job).
// A photo moved out of the album leaves the link's reach on the next request.
export function linkedPhotoWhere(link: ShareLinkGrant): Prisma.PhotoWhereInput {
  const target: Prisma.PhotoWhereInput = link.photoId
    ? { id: link.photoId }
    : link.albumId
      ? { memberships: { some: { albumId: link.albumId } } }
      : // The table's check constraint makes this impossible; match nothing rather than everything.
        { id: { in: [] } };
  return {
    AND: [target, { ownerId: link.createdById, status: "READY", hiddenAt: null, deletedAt: null }],
  };
}

/** The subset of `ids` the link lets its holder read (set-based, like checkPhotoAccess). */
export async function checkPhotoAccessViaLink(link: ShareLinkGrant, ids: string[]): Promise<Set<string>> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return new Set();
  // The primary: a replica's lag would still grant a photo hidden, deleted or moved out of the album.
  const primary = db().$primary();
  const rows = await primary.photo.findMany({
    where: { AND: [{ id: { in: valid } }, linkedPhotoWhere(link)] },
    select: { id: true },
  });
  return new Set(rows.map((r) => r.id));
}

/** Throws not_found unless the link covers the photo. */
export async function requirePhotoAccessViaLink(link: ShareLinkGrant, id: string): Promise<void> {
  if (!(await checkPhotoAccessViaLink(link, [id])).has(id)) throw new AppError("not_found", "No such photo");
}

/** Only the owner of a photo or album may create or list its links; for anyone else it is not found. */
export async function requireShareTargetOwner(viewer: Viewer, target: ShareLinkTarget): Promise<void> {
  if ("photoId" in target) await requirePhotoOwner(viewer, target.photoId);
  else await requireAlbumOwner(viewer, target.albumId);
}

// Password links: the right password earns a cookie that opens that one link. Its value is an HMAC
// over the link's token and password hash, so it opens no other link (each has its own token), and
// revoking the link or re-creating it with a new password (a new salt, a new hash) voids it.

/** The cookie that unlocks one link: named by the link's id, so unlocking one never touches another. */
export function shareUnlockCookieName(link: Pick<ShareLinkGrant, "id">): string {
  return `pinhole-share-${link.id}`;
}

/** The unlock cookie's value for this link, or null when the link has no password. */
export function shareUnlockProof(link: Pick<ShareLinkGrant, "token" | "passwordHash">): string | null {
  if (!link.passwordHash) return null;
  const secret = env().AUTH_SECRET;
  // Next-auth cannot sign sessions without it either: a configuration error, not a visitor's.
  if (!secret) throw new AppError("internal", "AUTH_SECRET is not set");
  return createHmac("sha256", secret)
    .update(`pinhole-share-unlock\0${link.token}\0${link.passwordHash}`)
    .digest("base64url");
}

/** The link's content may be shown: it has no password, or `cookieValue` is its unlock proof. */
export function isShareLinkUnlocked(
  link: Pick<ShareLinkGrant, "token" | "passwordHash">,
  cookieValue: string | undefined,
): boolean {
  const proof = shareUnlockProof(link);
  if (proof === null) return true;
  if (!cookieValue) return false;
  const a = Buffer.from(proof);
  const b = Buffer.from(cookieValue);
  return a.length === b.length && timingSafeEqual(a, b);
}
