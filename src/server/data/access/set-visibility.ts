import "server-only";
import type { AccessTarget, Visibility } from "@/lib/access";
import { db } from "@/server/db/client";
import type { Viewer } from "@/server/policy/viewer";
import { setPhotosVisibility } from "../albums/set-photos-visibility";
import { lockOwnedTarget, noSuchTarget } from "./owned-target";

/** How many people a visibility lets in: a move to a lower rank narrows access. */
const rank: Record<Visibility, number> = { PRIVATE: 0, SHARED: 1, PUBLIC: 2 };

/**
 * Sets who may see one of the owner's photos or albums. A photo goes through the bulk function, which
 * bumps its access version when access narrows. An album that narrows bumps its own version and
 * that of every photo in it that is not PUBLIC itself: those photos were seen through the album (and
 * may sit in a year-long public cache under their old URLs), so their media URLs change. Making
 * either PRIVATE removes its named viewers: they never come back by themselves.
 */
export async function setVisibility(
  viewer: NonNullable<Viewer>,
  target: AccessTarget,
  visibility: Visibility,
): Promise<void> {
  if (target.kind === "photo") {
    if ((await setPhotosVisibility(viewer, [target.id], visibility)) === 0) throw noSuchTarget(target);
    return;
  }
  await db().$transaction(async (tx) => {
    const before = await lockOwnedTarget(tx, viewer, target);
    if (before === visibility) return;
    const narrows = rank[visibility] < rank[before];
    await tx.$executeRaw`
      UPDATE albums
      SET visibility = ${visibility}::visibility,
          access_version = access_version + ${narrows ? 1 : 0}::int,
          updated_at = now()
      WHERE id = ${target.id}::uuid`;
    if (narrows) {
      await tx.$executeRaw`
        UPDATE photos SET access_version = access_version + 1, updated_at = now()
        WHERE id IN (SELECT photo_id FROM album_photos WHERE album_id = ${target.id}::uuid)
          AND visibility <> 'PUBLIC'`;
    }
    // Private means the owner alone: the named viewers go, and sharing it again starts afresh.
    if (visibility === "PRIVATE") {
      await tx.$executeRaw`DELETE FROM access_grants WHERE album_id = ${target.id}::uuid`;
    }
  });
}
