import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { mediaBase } from "@/lib/media-url";
import { db } from "@/server/db/client";
import { isUuid, visiblePhotoWhere } from "@/server/policy/photos";
import type { Viewer } from "@/server/policy/viewer";

export interface NeighborPhoto {
  id: string;
  /** The title, or "Photo by <name>": the link's accessible name. */
  alt: string;
  /** `/media/<id>/<version>`: the filmstrip's 50 px thumbnail and the viewer's photo. */
  mediaBase: string;
  width: number;
  height: number;
}

/** How many neighbours on each side the filmstrip (and the full-screen viewer) gets. */
export const FILMSTRIP_RADIUS = 6;

/** Where previous/next lead: the owner's photostream, or the album the page was opened from. */
export type NeighborContext = { kind: "stream" } | { kind: "album"; albumId: string };

export interface PhotoNeighbors {
  context: NeighborContext;
  previous: NeighborPhoto | null;
  next: NeighborPhoto | null;
  /** Up to FILMSTRIP_RADIUS photos before this one, nearest first. */
  before: NeighborPhoto[];
  /** Up to FILMSTRIP_RADIUS photos after this one, nearest first. */
  after: NeighborPhoto[];
}

const neighborSelect = {
  id: true,
  title: true,
  mediaSecret: true,
  width: true,
  height: true,
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
    select: { id: true, ownerId: true, albumId: true, createdAt: true, position: true },
  });
  if (!anchor) return null;

  // Grids list ready photos only; the neighbours match what the visitor just saw there.
  const base: Prisma.PhotoWhereInput[] = [visible, { status: "READY" }];
  const find = (where: Prisma.PhotoWhereInput[], orderBy: Prisma.PhotoOrderByWithRelationInput[]) =>
    primary.photo.findMany({
      where: { AND: [...base, ...where] },
      orderBy,
      take: FILMSTRIP_RADIUS,
      select: neighborSelect,
    });

  type Query = [Prisma.PhotoWhereInput[], Prisma.PhotoOrderByWithRelationInput[]];
  let context: NeighborContext;
  let before: Query;
  let after: Query;
  if (requested.kind === "album" && requested.albumId === anchor.albumId) {
    context = requested;
    const p = anchor.position;
    const inAlbum = { albumId: anchor.albumId };
    before = [
      [inAlbum, { OR: [{ position: { lt: p } }, { position: p, id: { lt: anchor.id } }] }],
      [{ position: "desc" }, { id: "desc" }],
    ];
    after = [
      [inAlbum, { OR: [{ position: { gt: p } }, { position: p, id: { gt: anchor.id } }] }],
      [{ position: "asc" }, { id: "asc" }],
    ];
  } else {
    context = { kind: "stream" };
    const t = anchor.createdAt;
    const inStream = { ownerId: anchor.ownerId };
    // Previous is the newer photo: the one shown before this in a newest-first stream.
    before = [
      [inStream, { OR: [{ createdAt: { gt: t } }, { createdAt: t, id: { gt: anchor.id } }] }],
      [{ createdAt: "asc" }, { id: "asc" }],
    ];
    after = [
      [inStream, { OR: [{ createdAt: { lt: t } }, { createdAt: t, id: { lt: anchor.id } }] }],
      [{ createdAt: "desc" }, { id: "desc" }],
    ];
  }
  const [earlier, later] = await Promise.all([find(...before), find(...after)]);
  const previous = earlier.map(toNeighbor);
  const following = later.map(toNeighbor);
  return {
    context,
    previous: previous[0] ?? null,
    next: following[0] ?? null,
    before: previous,
    after: following,
  };
}

function toNeighbor(row: Prisma.PhotoGetPayload<{ select: typeof neighborSelect }>): NeighborPhoto {
  return {
    id: row.id,
    alt: row.title.trim() || `Photo by ${row.owner.displayName}`,
    mediaBase: mediaBase(row.id, row.mediaSecret),
    // Ready photos (the only ones listed) always have their size; 1×1 keeps the type honest.
    width: row.width ?? 1,
    height: row.height ?? 1,
  };
}
