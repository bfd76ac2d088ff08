import "server-only";
import type { AccessTarget, Person } from "@/lib/access";
import { db } from "@/server/db/client";
import type { Viewer } from "@/server/policy/viewer";
import { lockOwnedTarget } from "./owned-target";

/**
 * Takes one named viewer (by handle) off the owner's photo or album: the person removed, or null when
 * they were not a viewer.
 *
 * Media of a photo that is not public is checked on every request, so the person is refused at
 * once. Removing them also narrows access, and by the rule every narrowing path keeps
 * (set-photos-visibility, move-photos) that bumps the access version, so every media URL they
 * copied stops resolving whatever the photo becomes later. For an album, the photos it lent access
 * to (those not PUBLIC themselves) are bumped with it. Nothing is bumped when the grant was
 * inert: a PUBLIC target still lets them in, a PRIVATE one never did.
 */
export async function removeViewer(
  viewer: NonNullable<Viewer>,
  target: AccessTarget,
  handle: string,
): Promise<Person | null> {
  return db().$transaction(async (tx) => {
    const visibility = await lockOwnedTarget(tx, viewer, target);
    type Row = { handle: string; display_name: string };
    const [removed] =
      target.kind === "photo"
        ? await tx.$queryRaw<Row[]>`
            DELETE FROM access_grants g USING users u
            WHERE g.user_id = u.id AND u.handle = ${handle.toLowerCase()} AND g.photo_id = ${target.id}::uuid
            RETURNING u.handle, u.display_name`
        : await tx.$queryRaw<Row[]>`
            DELETE FROM access_grants g USING users u
            WHERE g.user_id = u.id AND u.handle = ${handle.toLowerCase()} AND g.album_id = ${target.id}::uuid
            RETURNING u.handle, u.display_name`;
    if (!removed) return null;
    const person = { handle: removed.handle, displayName: removed.display_name };
    if (visibility !== "SHARED") return person;
    if (target.kind === "photo") {
      await tx.$executeRaw`
        UPDATE photos SET access_version = access_version + 1, updated_at = now()
        WHERE id = ${target.id}::uuid`;
    } else {
      await tx.$executeRaw`
        UPDATE albums SET access_version = access_version + 1, updated_at = now()
        WHERE id = ${target.id}::uuid`;
      await tx.$executeRaw`
        UPDATE photos SET access_version = access_version + 1, updated_at = now()
        WHERE id IN (SELECT photo_id FROM album_photos WHERE album_id = ${target.id}::uuid)
          AND visibility <> 'PUBLIC'`;
    }
    return person;
  });
}
