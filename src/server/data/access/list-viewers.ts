import "server-only";
import type { AccessTarget, Person } from "@/lib/access";
import { dbFor } from "@/server/db/client";
import { isUuid } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";
import { noSuchTarget } from "./owned-target";

/**
 * The people the owner's photo or album names as viewers, in the order they were added (by name
 * among those added together): handles and names only. Scoped to the owner in the query: anyone else's target is not_found.
 */
export async function listViewers(viewer: NonNullable<Viewer>, target: AccessTarget): Promise<Person[]> {
  if (!isUuid(target.id)) throw noSuchTarget(target);
  const where =
    target.kind === "photo"
      ? { photoId: target.id, photo: { ownerId: viewer.id, deletedAt: null } }
      : { albumId: target.id, album: { ownerId: viewer.id } };
  const [owned, grants] = await Promise.all([
    target.kind === "photo"
      ? dbFor(viewer).photo.count({ where: { id: target.id, ownerId: viewer.id, deletedAt: null } })
      : dbFor(viewer).album.count({ where: { id: target.id, ownerId: viewer.id } }),
    dbFor(viewer).accessGrant.findMany({
      where,
      select: { user: { select: { handle: true, displayName: true } } },
      orderBy: [{ createdAt: "asc" }, { user: { displayName: "asc" } }, { id: "asc" }],
    }),
  ]);
  if (owned === 0) throw noSuchTarget(target);
  return grants.map((g) => g.user);
}
