import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { isUuid, visiblePhotoWhere } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";

export interface NeighborPhoto {
  id: string;
  /** The title, or "Photo by <name>": the link's accessible name. */
  alt: string;
}

/** Where previous/next lead: the owner's photostream, or the album the page was opened from. */
export type NeighborContext = { kind: "stream" } | { kind: "album"; albumId: string };

export interface PhotoNeighbors {
  context: NeighborContext;
  previous: NeighborPhoto | null;
  next: NeighborPhoto | null;
}

const neighborSelect = {
  id: true,
  title: true,
  owner: { select: { displayName: true } },
} satisfies Prisma.PhotoSelect;

/** `?in=album:<id>` → the album's id; anything else means the photostream. */
export function parseNeighborContext(value: string | string[] | undefined): NeighborContext {
  const raw = Array.isArray(value) ? value[0] : value;
  const albumId = raw?.startsWith("album:") ? raw.slice("album:".length) : null;
  return albumId && isUuid(albumId) ? { kind: "album", albumId } : { kind: "stream" };
}

/**
 * The photos before and after `photoId` that the viewer may see: in the owner's stream (newest
 * first: `created_at DESC, id DESC`, as the grid shows it) or, when asked and the photo is really in
 * that album, in the album's order (`position, id`). Null when the viewer may not see the photo.
 */
export async function getPhotoNeighbors(
  viewer: Viewer,
  photoId: string,
  requested: NeighborContext = { kind: "stream" },
): Promise<PhotoNeighbors | null> {
  if (!isUuid(photoId)) return null;
  const visible = visiblePhotoWhere(viewer);
  // The primary, for anonymous visitors too: the links show neighbours' titles, and a replica's lag
  // would still list one made private a moment ago.
  const primary = db().$primary();
  const anchor = await primary.photo.findFirst({
    where: { id: photoId, ...visible },
    select: { id: true, ownerId: true, createdAt: true },
  });
  if (!anchor) return null;
  const membership =
    requested.kind === "album"
      ? await primary.albumPhoto.findUnique({
          where: { albumId_photoId: { albumId: requested.albumId, photoId: anchor.id } },
          select: { position: true },
        })
      : null;

  // Grids list ready photos only; the neighbours match what the visitor just saw there.
  const base: Prisma.PhotoWhereInput[] = [visible, { status: "READY" }];
  const find = (where: Prisma.PhotoWhereInput[], orderBy: Prisma.PhotoOrderByWithRelationInput[]) =>
    primary.photo.findFirst({ where: { AND: [...base, ...where] }, orderBy, select: neighborSelect });

  if (requested.kind === "album" && membership) {
    // Neighbours by their place in this album (album_photos), ties by photo id, as the album lists them.
    const p = membership.position;
    const albumId = requested.albumId;
    const findInAlbum = (earlier: boolean) =>
      primary.albumPhoto.findFirst({
        where: {
          albumId,
          photo: { AND: base },
          OR: earlier
            ? [{ position: { lt: p } }, { position: p, photoId: { lt: anchor.id } }]
            : [{ position: { gt: p } }, { position: p, photoId: { gt: anchor.id } }],
        },
        orderBy: earlier
          ? [{ position: "desc" }, { photoId: "desc" }]
          : [{ position: "asc" }, { photoId: "asc" }],
        select: { photo: { select: neighborSelect } },
      });
    const [previous, next] = await Promise.all([findInAlbum(true), findInAlbum(false)]);
    return {
      context: requested,
      previous: previous ? toNeighbor(previous.photo) : null,
      next: next ? toNeighbor(next.photo) : null,
    };
  }

  const t = anchor.createdAt;
  const inStream = { ownerId: anchor.ownerId };
  // Previous is the newer photo: the one shown before this in a newest-first stream.
  const [previous, next] = await Promise.all([
    find(
      [inStream, { OR: [{ createdAt: { gt: t } }, { createdAt: t, id: { gt: anchor.id } }] }],
      [{ createdAt: "asc" }, { id: "asc" }],
    ),
    find(
      [inStream, { OR: [{ createdAt: { lt: t } }, { createdAt: t, id: { lt: anchor.id } }] }],
      [{ createdAt: "desc" }, { id: "desc" }],
    ),
  ]);
  return {
    context: { kind: "stream" },
    previous: previous ? toNeighbor(previous) : null,
    next: next ? toNeighbor(next) : null,
  };
}

function toNeighbor(row: Prisma.PhotoGetPayload<{ select: typeof neighborSelect }>): NeighborPhoto {
  return { id: row.id, alt: row.title.trim() || `Photo by ${row.owner.displayName}` };
}
