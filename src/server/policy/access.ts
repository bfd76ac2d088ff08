import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { isUuid } from "./photos";
import type { ShareLinkGrant } from "./share-links";
import type { Viewer } from "./viewer";

// Who may do what to a photo: the one access model (issue 17), written once here.
//
// A photo's own visibility decides: Public (anyone), Shared (the people named on it), Private (the
// owner alone). Except: a person named on a Shared album, and anyone holding an album's share link,
// sees the album's photos whatever each photo's setting. A public album lends nothing: its
// visitors see only its photos that are public themselves. Nobody but the owner sees a photo that is
// not ready, hidden by a moderator, deleted or in the trash; the owner sees neither deleted nor
// trashed photos here (the trash page reads them on its own).
//
// `photoAllows` is the definition, over a photo's facts. `visiblePhotoWhere` (Prisma),
// `visiblePhotoSql` (raw SQL over `photos p`) and `linkedPhotoWhere` (a link's reach) are the same
// rule for the database; access.test.ts runs every actor × visibility × album × grant × link ×
// permission through all of them on the same fixtures and requires one answer.

/** Who is asking: a viewer (signed in or anonymous), or the holder of a share link (nobody else). */
export type Actor = { kind: "viewer"; viewer: Viewer } | { kind: "link"; link: ShareLinkGrant };

/** What they want to do with the photo. */
export type Permission =
  /** See it: its page, its display sizes, its place in grids, search and feeds. */
  | "read"
  /** Download the original (with its location removed, unless they own it). */
  | "download-original"
  /** Change its details, visibility, albums, viewers and links; delete it. The owner only. */
  | "edit";

export const PERMISSIONS: readonly Permission[] = ["read", "download-original", "edit"];

export const viewerActor = (viewer: Viewer): Actor => ({ kind: "viewer", viewer });
export const linkActor = (link: ShareLinkGrant): Actor => ({ kind: "link", link });

type Visibility = "PUBLIC" | "SHARED" | "PRIVATE";

/** What the rule decides on: a photo row with its grants and the albums it is in. */
export interface PhotoFacts {
  id: string;
  ownerId: string;
  status: string;
  visibility: Visibility;
  hidden: boolean;
  deleted: boolean;
  trashed: boolean;
  allowOriginal: boolean;
  /** Users the photo itself is shared with by name. */
  grantees: string[];
  albums: { id: string; visibility: Visibility; trashed: boolean; grantees: string[] }[];
}

/** The definition: whether `actor` may do `permission` to the photo. */
export function photoAllows(actor: Actor, permission: Permission, photo: PhotoFacts): boolean {
  if (photo.deleted || photo.trashed) return false;
  const owner = actor.kind === "viewer" && actor.viewer !== null && actor.viewer.id === photo.ownerId;
  if (permission === "edit") return owner;
  const readable =
    owner ||
    (isShown(photo) &&
      (actor.kind === "link" ? linkReaches(actor.link, photo) : granted(actor.viewer, photo)));
  if (!readable) return false;
  return permission === "read" || owner || photo.allowOriginal;
}

function isShown(photo: PhotoFacts): boolean {
  return photo.status === "READY" && !photo.hidden;
}

function granted(viewer: Viewer, photo: PhotoFacts): boolean {
  if (photo.visibility === "PUBLIC") return true;
  if (!viewer) return false;
  if (photo.visibility === "SHARED" && photo.grantees.includes(viewer.id)) return true;
  return photo.albums.some((a) => !a.trashed && a.visibility === "SHARED" && a.grantees.includes(viewer.id));
}

function linkReaches(link: ShareLinkGrant, photo: PhotoFacts): boolean {
  if (photo.ownerId !== link.createdById) return false;
  if (link.photoId) return photo.id === link.photoId;
  return photo.albums.some((a) => a.id === link.albumId && !a.trashed);
}

/** Anyone on the internet may see it: its media may be cached publicly under versioned URLs. */
export function isPubliclyVisible(photo: {
  status: string;
  hiddenAt: Date | null;
  deletedAt: Date | null;
  trashedAt: Date | null;
  visibility: string;
}): boolean {
  return (
    photo.status === "READY" &&
    !photo.hiddenAt &&
    !photo.deletedAt &&
    !photo.trashedAt &&
    photo.visibility === "PUBLIC"
  );
}

/** `photoAllows(viewer, "read")` as a Prisma condition every viewer's read composes with. */
export function visiblePhotoWhere(viewer: Viewer): Prisma.PhotoWhereInput {
  const grantedToOthers: Prisma.PhotoWhereInput = {
    status: "READY",
    hiddenAt: null,
    OR: [
      { visibility: "PUBLIC" },
      ...(viewer
        ? [
            { visibility: "SHARED" as const, accessGrants: { some: { userId: viewer.id } } },
            {
              memberships: {
                some: {
                  album: {
                    trashedAt: null,
                    visibility: "SHARED" as const,
                    accessGrants: { some: { userId: viewer.id } },
                  },
                },
              },
            },
          ]
        : []),
    ],
  };
  // The AND keeps `deletedAt` outside the OR: "not deleted AND (owner OR granted)", never the reverse.
  return {
    deletedAt: null,
    trashedAt: null,
    AND: [viewer ? { OR: [{ ownerId: viewer.id }, grantedToOthers] } : grantedToOthers],
  };
}

/**
 * `visiblePhotoWhere` as SQL over `photos p`, for the raw queries grids run on every page view (the
 * Prisma form costs several times the CPU and a second round trip).
 */
export function visiblePhotoSql(viewer: Viewer): Prisma.Sql {
  const shown = Prisma.sql`p.status = 'READY' AND p.hidden_at IS NULL`;
  if (!viewer) {
    return Prisma.sql`(p.deleted_at IS NULL AND p.trashed_at IS NULL AND ${shown} AND p.visibility = 'PUBLIC')`;
  }
  const me = Prisma.sql`${viewer.id}::uuid`;
  // The parentheses keep `deleted_at` outside the OR: "not deleted AND (owner OR granted)".
  return Prisma.sql`(p.deleted_at IS NULL AND p.trashed_at IS NULL AND (p.owner_id = ${me} OR (${shown}
    AND (p.visibility = 'PUBLIC'
         OR (p.visibility = 'SHARED'
             AND EXISTS (SELECT 1 FROM access_grants g WHERE g.photo_id = p.id AND g.user_id = ${me}))
         OR EXISTS (SELECT 1 FROM album_photos ap JOIN albums a ON a.id = ap.album_id
                    JOIN access_grants g ON g.album_id = a.id AND g.user_id = ${me}
                    WHERE ap.photo_id = p.id AND a.trashed_at IS NULL AND a.visibility = 'SHARED')))))`;
}

/**
 * `photoAllows(link, "read")` as a Prisma condition: exactly the linked photo, or the photos in the
 * linked album right now (home or not), of the link's creator, shown, not deleted or trashed.
 * Nothing else: not the owner's other photos or albums, whatever their visibility. A photo taken out
 * of the album leaves the link's reach on the next request.
 */
export function linkedPhotoWhere(link: ShareLinkGrant): Prisma.PhotoWhereInput {
  const target: Prisma.PhotoWhereInput = link.photoId
    ? { id: link.photoId }
    : link.albumId
      ? { memberships: { some: { albumId: link.albumId, album: { trashedAt: null } } } }
      : // The table's check constraint makes this impossible; match nothing rather than everything.
        { id: { in: [] } };
  return {
    AND: [
      target,
      { ownerId: link.createdById, status: "READY", hiddenAt: null, deletedAt: null, trashedAt: null },
    ],
  };
}

/** The condition for `permission` on top of reading (edit: the owner's own photos). */
function permissionWhere(actor: Actor, permission: Permission): Prisma.PhotoWhereInput {
  const ownerId = actor.kind === "viewer" ? actor.viewer?.id : undefined;
  if (permission === "edit") {
    return ownerId ? { ownerId, deletedAt: null, trashedAt: null } : { id: { in: [] } };
  }
  const read = actor.kind === "link" ? linkedPhotoWhere(actor.link) : visiblePhotoWhere(actor.viewer);
  if (permission === "read") return read;
  return { AND: [read, { OR: [...(ownerId ? [{ ownerId }] : []), { allowOriginal: true }] }] };
}

/**
 * The subset of `ids` on which `actor` may do `permission` (set-based, immich-style): one query
 * however many ids. Ids that are not UUIDs name nothing.
 */
export async function checkAccess(actor: Actor, permission: Permission, ids: string[]): Promise<Set<string>> {
  const valid = [...new Set(ids.filter(isUuid))];
  if (valid.length === 0) return new Set();
  // The primary, for anonymous visitors too: a replica's lag would still grant a photo made private.
  const rows = await db()
    .$primary()
    .photo.findMany({
      where: { AND: [{ id: { in: valid } }, permissionWhere(actor, permission)] },
      select: { id: true },
    });
  return new Set(rows.map((r) => r.id));
}

/**
 * Throws not_found (never forbidden: a photo one may not see is not confirmed to exist) unless
 * `actor` may do `permission` to every one of `ids`.
 */
export async function requireAccess(actor: Actor, permission: Permission, ids: string[]): Promise<void> {
  const allowed = await checkAccess(actor, permission, ids);
  if (ids.length === 0 || ids.some((id) => !allowed.has(id))) {
    throw new AppError("not_found", ids.length > 1 ? "No such photos" : "No such photo");
  }
}
