import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { DbTransaction } from "@/server/db/client";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { isUuid } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";
import { POSITION_STEP, positionBetween } from "./album-positions";

export type ReorderMove =
  /** One place earlier or later among the photos the album shows ("Move earlier" / "Move later"). */
  | { kind: "step"; direction: "earlier" | "later" }
  /** Right before or after another photo of the album (drag and drop). */
  | { kind: "drop"; place: "before" | "after"; targetId: string };

export interface ReorderResult {
  /** False when there was nowhere to go (already first or last, or dropped onto itself). */
  moved: boolean;
  /** The neighbours' positions had no room left between them, so the album was renumbered. */
  renumbered: boolean;
}

interface Slot {
  id: string;
  position: number;
}

type Tx = DbTransaction;

/**
 * Moves one photo of the viewer's album to a new place. Only that photo's `position` is rewritten, to
 * a value between its new neighbours; the whole album is renumbered only when no such value exists.
 */
export async function reorderAlbum(
  viewer: NonNullable<Viewer>,
  input: { albumId: string; photoId: string; move: ReorderMove },
): Promise<ReorderResult> {
  const { albumId, photoId, move } = input;
  if (!isUuid(albumId)) throw new AppError("not_found", "No such album");
  if (!isUuid(photoId) || (move.kind === "drop" && !isUuid(move.targetId))) {
    throw new AppError("not_found", "No such photo");
  }
  return db().$transaction(async (tx) => {
    // Reorders of one album run one at a time, so two never split the same gap or race a renumber.
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM albums WHERE id = ${albumId}::uuid AND owner_id = ${viewer.id}::uuid FOR UPDATE`;
    if (locked.length === 0) throw new AppError("not_found", "No such album");
    const member = await tx.albumPhoto.findFirst({
      where: { ...shown(albumId, viewer.id), photoId },
      select: slotSelect,
    });
    if (!member) throw new AppError("not_found", "No such photo");
    const photo = toSlot(member);

    const slot = await newNeighbours(tx, shown(albumId, viewer.id), photo, move);
    if (!slot) return { moved: false, renumbered: false };
    const position = positionBetween(slot.lo?.position ?? null, slot.hi?.position ?? null);
    if (position !== null) {
      await tx.albumPhoto.update({
        where: { albumId_photoId: { albumId, photoId: photo.id } },
        data: { position },
      });
      return { moved: true, renumbered: false };
    }
    await renumber(tx, albumId, photo.id, slot);
    return { moved: true, renumbered: true };
  });
}

// What the album's grid shows (and so what "earlier" and "later" mean): its ready photos, in
// (position, photo id) order. Photos still processing keep their place and are stepped over.
function shown(albumId: string, ownerId: string): Prisma.AlbumPhotoWhereInput {
  return { albumId, photo: { ownerId, status: "READY", deletedAt: null, trashedAt: null } };
}

function before(of: Slot): Prisma.AlbumPhotoWhereInput {
  return { OR: [{ position: { lt: of.position } }, { position: of.position, photoId: { lt: of.id } }] };
}

function after(of: Slot): Prisma.AlbumPhotoWhereInput {
  return { OR: [{ position: { gt: of.position } }, { position: of.position, photoId: { gt: of.id } }] };
}

const slotSelect = { photoId: true, position: true } as const;
const toSlot = (row: { photoId: string; position: number }): Slot => ({
  id: row.photoId,
  position: row.position,
});
const ascending: Prisma.AlbumPhotoOrderByWithRelationInput[] = [{ position: "asc" }, { photoId: "asc" }];
const descending: Prisma.AlbumPhotoOrderByWithRelationInput[] = [{ position: "desc" }, { photoId: "desc" }];

/** The photos the moved one will sit between (null: the start or the end), or null for no move. */
async function newNeighbours(
  tx: Tx,
  inAlbum: Prisma.AlbumPhotoWhereInput,
  photo: Slot,
  move: ReorderMove,
): Promise<{ lo: Slot | null; hi: Slot | null } | null> {
  const others: Prisma.AlbumPhotoWhereInput = { ...inAlbum, photoId: { not: photo.id } };
  if (move.kind === "step") {
    const earlier = move.direction === "earlier";
    const [first, second] = (
      await tx.albumPhoto.findMany({
        where: { AND: [others, earlier ? before(photo) : after(photo)] },
        orderBy: earlier ? descending : ascending,
        take: 2,
        select: slotSelect,
      })
    ).map(toSlot);
    if (!first) return null;
    return earlier ? { lo: second ?? null, hi: first } : { lo: first, hi: second ?? null };
  }

  if (move.targetId === photo.id) return null;
  const targetRow = await tx.albumPhoto.findFirst({
    where: { ...others, photoId: move.targetId },
    select: slotSelect,
  });
  if (!targetRow) throw new AppError("not_found", "No such photo");
  const target = toSlot(targetRow);
  const placeBefore = move.place === "before";
  const neighbourRow = await tx.albumPhoto.findFirst({
    where: { AND: [others, placeBefore ? before(target) : after(target)] },
    orderBy: placeBefore ? descending : ascending,
    select: slotSelect,
  });
  const neighbour = neighbourRow ? toSlot(neighbourRow) : null;
  return placeBefore ? { lo: neighbour, hi: target } : { lo: target, hi: neighbour };
}

/** Rewrites every position in the album, evenly spaced, with the photo in its new place. */
async function renumber(
  tx: Tx,
  albumId: string,
  photoId: string,
  slot: { lo: Slot | null; hi: Slot | null },
) {
  // Every row, processing ones included, so nothing is left sharing a position with a renumbered one.
  const rows = await tx.albumPhoto.findMany({
    where: { albumId },
    orderBy: ascending,
    select: { photoId: true },
  });
  const order = rows.map((r) => r.photoId).filter((id) => id !== photoId);
  const at = slot.lo ? order.indexOf(slot.lo.id) + 1 : slot.hi ? order.indexOf(slot.hi.id) : order.length;
  order.splice(at, 0, photoId);
  const positions = order.map((_, i) => (i + 1) * POSITION_STEP);
  await tx.$executeRaw`
    UPDATE album_photos ap SET position = v.position
    FROM unnest(${order}::uuid[], ${positions}::float8[]) AS v(id, position)
    WHERE ap.photo_id = v.id AND ap.album_id = ${albumId}::uuid`;
}
