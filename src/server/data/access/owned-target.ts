import "server-only";
import type { DbTransaction } from "@/server/db/client";
import type { AccessTarget, Visibility } from "@/lib/access";
import { AppError } from "@/server/errors/app-error";
import { isUuid } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";

type Tx = DbTransaction;

export function noSuchTarget(target: AccessTarget): AppError {
  return new AppError("not_found", target.kind === "photo" ? "No such photo" : "No such album");
}

/**
 * The viewer's own photo or album, locked for the rest of the transaction (so a visibility change
 * and a grant change on it never interleave), and its visibility. Anyone else's is not_found.
 */
export async function lockOwnedTarget(
  tx: Tx,
  viewer: NonNullable<Viewer>,
  target: AccessTarget,
): Promise<Visibility> {
  if (!isUuid(target.id)) throw noSuchTarget(target);
  const rows =
    target.kind === "photo"
      ? await tx.$queryRaw<{ visibility: Visibility }[]>`
          SELECT visibility::text AS visibility FROM photos
          WHERE id = ${target.id}::uuid AND owner_id = ${viewer.id}::uuid AND deleted_at IS NULL
          FOR UPDATE`
      : await tx.$queryRaw<{ visibility: Visibility }[]>`
          SELECT visibility::text AS visibility FROM albums
          WHERE id = ${target.id}::uuid AND owner_id = ${viewer.id}::uuid
          FOR UPDATE`;
  const row = rows[0];
  if (!row) throw noSuchTarget(target);
  return row.visibility;
}
