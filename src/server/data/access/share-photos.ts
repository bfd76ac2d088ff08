import "server-only";
import type { Person } from "@/lib/access";
import { db } from "@/server/db/client";
import { isUuid } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";
import { inviteByEmail } from "./invite-by-email";
import { notify } from "../notifications/create-notification";
import { resolvePeople } from "./resolve-people";

export interface SharedPhotos {
  /** The viewer's photos among the ids (others' ids and junk match nothing). */
  found: number;
  /** Of those, the PRIVATE ones that are now SHARED. */
  madeShared: number;
  /** Of those, the PUBLIC ones: they stay PUBLIC. */
  stayedPublic: number;
  people: Person[];
  unknown: string[];
  /** Addresses with no verified account, invited by mail. */
  invited: string[];
  includedSelf: boolean;
}

/**
 * "Share with…" on a selection: names the people as viewers of each of the owner's photos among
 * `ids`, and makes the PRIVATE ones SHARED so the grants take effect. A PUBLIC photo keeps its
 * setting: sharing never changes what the world sees behind the owner's back (turning it SHARED
 * would silently hide it from everyone else). Its grants are recorded, so these people keep access
 * if the owner later makes it SHARED. Only widens access: no access version changes.
 */
export async function sharePhotos(
  viewer: NonNullable<Viewer>,
  ids: string[],
  refs: string[],
  origin: string,
): Promise<SharedPhotos> {
  const valid = [...new Set(ids.filter(isUuid))];
  const resolved = await resolvePeople(viewer, refs);
  const people = resolved.people.map(({ handle, displayName }) => ({ handle, displayName }));
  const userIds = resolved.people.map((p) => p.id);
  let added: { user_id: string; photo_id: string }[] = [];
  const counts = await db().$transaction(async (tx) => {
    // Lock the selection, so a concurrent visibility change lands wholly before or after.
    const photos = await tx.$queryRaw<{ id: string; visibility: string }[]>`
      SELECT id, visibility::text AS visibility FROM photos
      WHERE id = ANY(${valid}::uuid[]) AND owner_id = ${viewer.id}::uuid AND deleted_at IS NULL
      ORDER BY id FOR UPDATE`;
    const found = photos.map((p) => p.id);
    const stayedPublic = photos.filter((p) => p.visibility === "PUBLIC").length;
    if (found.length === 0 || (userIds.length === 0 && resolved.invited.length === 0))
      return { found: found.length, madeShared: 0, stayedPublic };
    await inviteByEmail(tx, viewer, { kind: "photos", ids: found }, resolved.invited, origin);
    const granted = await tx.$queryRaw<{ user_id: string; photo_id: string }[]>`
      INSERT INTO access_grants (user_id, photo_id)
      SELECT u, p FROM unnest(${userIds}::uuid[]) AS u CROSS JOIN unnest(${found}::uuid[]) AS p
      ON CONFLICT (photo_id, user_id) DO NOTHING RETURNING user_id, photo_id`;
    added = granted;
    const madeShared = await tx.$executeRaw`
      UPDATE photos SET visibility = 'SHARED', updated_at = now()
      WHERE id = ANY(${found}::uuid[]) AND visibility = 'PRIVATE'`;
    return { found: found.length, madeShared, stayedPublic };
  });
  // Each person newly named hears of it once per photo, after the grants committed.
  await notify(
    ...added.map((g) => ({
      recipientId: g.user_id,
      type: "SHARE" as const,
      actorId: viewer.id,
      photoId: g.photo_id,
    })),
  );
  return {
    ...counts,
    people,
    unknown: resolved.unknown,
    invited: resolved.invited,
    includedSelf: resolved.includedSelf,
  };
}
