import "server-only";
import type { AccessTarget, Person, Visibility } from "@/lib/access";
import { db } from "@/server/db/client";
import type { Viewer } from "@/server/policy/viewer";
import { requireTargetOwner } from "@/server/policy/targets";
import { inviteByEmail } from "./invite-by-email";
import { notify } from "../notifications/create-notification";
import { lockOwnedTarget } from "./owned-target";
import { resolvePeople } from "./resolve-people";

export interface AddedViewers {
  /** Everyone who is now a named viewer (including people who already were). */
  people: Person[];
  /** What was typed that names nobody: "no such person", nothing more. */
  unknown: string[];
  /** Addresses with no verified account, invited by mail. */
  invited: string[];
  includedSelf: boolean;
  /** The target's visibility afterwards. */
  visibility: Visibility;
}

/**
 * Names people (by handle or exact email) as viewers of the owner's photo or album. Adding someone
 * to a PRIVATE target makes it SHARED: that is what asking to share it means, and it only widens
 * access. A PUBLIC target stays PUBLIC (everyone sees it already); the grants wait there in case it
 * is later made SHARED. Nothing here narrows access, so no access version changes.
 */
export async function addViewers(
  viewer: NonNullable<Viewer>,
  target: AccessTarget,
  refs: string[],
  origin: string,
): Promise<AddedViewers> {
  // Before any lookup: someone else's photo costs nobody an email lookup, and says nothing of anyone.
  await requireTargetOwner(viewer, target);
  const resolved = await resolvePeople(viewer, refs);
  const ids = resolved.people.map((p) => p.id);
  let added: string[] = [];
  const visibility = await db().$transaction(async (tx) => {
    const current = await lockOwnedTarget(tx, viewer, target);
    await inviteByEmail(
      tx,
      viewer,
      target.kind === "photo" ? { kind: "photos", ids: [target.id] } : { kind: "album", id: target.id },
      resolved.invited,
      origin,
    );
    if (ids.length === 0 && resolved.invited.length === 0) return current;
    const inserted =
      target.kind === "photo"
        ? await tx.$queryRaw<{ user_id: string }[]>`
            INSERT INTO access_grants (user_id, photo_id)
            SELECT u, ${target.id}::uuid FROM unnest(${ids}::uuid[]) AS u
            ON CONFLICT (photo_id, user_id) DO NOTHING RETURNING user_id`
        : await tx.$queryRaw<{ user_id: string }[]>`
            INSERT INTO access_grants (user_id, album_id)
            SELECT u, ${target.id}::uuid FROM unnest(${ids}::uuid[]) AS u
            ON CONFLICT (album_id, user_id) DO NOTHING RETURNING user_id`;
    added = inserted.map((r) => r.user_id);
    if (current !== "PRIVATE") return current;
    if (target.kind === "photo") {
      await tx.photo.update({ where: { id: target.id }, data: { visibility: "SHARED" } });
    } else {
      await tx.album.update({ where: { id: target.id }, data: { visibility: "SHARED" } });
    }
    return "SHARED" as const;
  });
  // Only people newly named hear of it, after the grant committed (a notification is a side effect).
  if (added.length > 0) await notifyShared(viewer, target, added);
  return {
    people: resolved.people.map(({ handle, displayName }) => ({ handle, displayName })),
    unknown: resolved.unknown,
    invited: resolved.invited,
    includedSelf: resolved.includedSelf,
    visibility,
  };
}

async function notifyShared(viewer: NonNullable<Viewer>, target: AccessTarget, userIds: string[]) {
  const album =
    target.kind === "album"
      ? await db().album.findUnique({ where: { id: target.id }, select: { title: true } })
      : null;
  await notify(
    ...userIds.map((recipientId) => ({
      recipientId,
      type: "SHARE" as const,
      actorId: viewer.id,
      photoId: target.kind === "photo" ? target.id : null,
      message: album ? `the album “${album.title}”` : "",
    })),
  );
}
