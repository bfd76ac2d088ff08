import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { PhotoCard } from "@/lib/photo-card";
import { db } from "@/server/db/client";
import type { Viewer } from "@/server/policy/viewer";
import { cardFromRow, type RawCardRow, visiblePhotoSql } from "./list-photos";

export interface PersonAlbum {
  id: string;
  title: string;
  visibility: "PUBLIC" | "PRIVATE" | "SHARED";
  isDefault: boolean;
  /** Photos in it the viewer may see. */
  photoCount: number;
  /** The chosen cover if the viewer may see it, else the newest photo they may see; null if none. */
  cover: PhotoCard | null;
}

export interface Person {
  id: string;
  handle: string;
  displayName: string;
  bio: string;
  /** The viewer is this person. */
  isOwner: boolean;
  /** Ready photos of theirs the viewer may see (what their photostream lists). */
  photoCount: number;
  /** Albums of theirs the viewer may open (see `albums`). */
  albumCount: number;
  /** The default album first (when listed), then newest first; at most ALBUM_LIMIT. */
  albums: PersonAlbum[];
}

export const ALBUM_LIMIT = 60;

const HANDLE = /^[a-z0-9_-]{1,64}$/;

interface UserRow {
  id: string;
  handle: string;
  display_name: string;
  bio: string;
  photo_count: number;
}

interface AlbumRow {
  id: string;
  title: string;
  visibility: PersonAlbum["visibility"];
  is_default: boolean;
  photo_count: number;
  total: number;
  cover: (Omit<RawCardRow, "handle" | "display_name" | "created_at"> & { created_at: string }) | null;
}

/**
 * A person's public profile as the viewer may see it, or null for an unknown handle. Their albums are
 * those the viewer may open (own, public, or shared with the viewer). The default album is listed
 * only when it holds photos the viewer may see: for others it is private unless the owner opened it,
 * and an empty "Photostream" card would only repeat the stream the page already shows.
 */
export async function getPerson(viewer: Viewer, handle: string): Promise<Person | null> {
  const wanted = handle.toLowerCase();
  if (!HANDLE.test(wanted)) return null;
  const visible = visiblePhotoSql(viewer);
  const [user] = await db().$queryRaw<UserRow[]>(
    Prisma.sql`SELECT u.id, u.handle, u.display_name, u.bio,
                      (SELECT count(*)::int FROM photos p
                       WHERE p.owner_id = u.id AND p.status = 'READY' AND ${visible}) AS photo_count
               FROM users u WHERE u.handle = ${wanted}`,
  );
  if (!user) return null;

  // One round trip: each album with its visible-photo count and its cover as one JSON object, the
  // chosen cover if visible, else the newest visible photo (album_photos(album_id, …) keeps both cheap).
  const albums = await db().$queryRaw<AlbumRow[]>(
    Prisma.sql`SELECT a.id, a.title, a.visibility::text AS visibility, a.is_default,
                      n.photo_count, count(*) OVER ()::int AS total,
                      COALESCE(chosen.card, newest.card) AS cover
               FROM albums a
               CROSS JOIN LATERAL (
                 SELECT count(*)::int AS photo_count FROM album_photos ap JOIN photos p ON p.id = ap.photo_id
                 WHERE ap.album_id = a.id AND p.status = 'READY' AND ${visible}) n
               LEFT JOIN LATERAL (
                 SELECT ${cardJson} AS card FROM photos p
                 WHERE p.id = a.cover_photo_id AND p.owner_id = a.owner_id AND p.status = 'READY' AND ${visible}
                   AND EXISTS (SELECT 1 FROM album_photos ap WHERE ap.album_id = a.id AND ap.photo_id = p.id)) chosen ON true
               LEFT JOIN LATERAL (
                 SELECT ${cardJson} AS card FROM album_photos ap JOIN photos p ON p.id = ap.photo_id
                 WHERE ap.album_id = a.id AND p.status = 'READY' AND ${visible}
                 ORDER BY p.created_at DESC, p.id DESC LIMIT 1) newest ON chosen.card IS NULL
               WHERE a.owner_id = ${user.id}::uuid AND ${visibleAlbumSql(viewer)}
                 AND (NOT a.is_default OR n.photo_count > 0)
               ORDER BY a.is_default DESC, a.created_at DESC, a.id DESC
               LIMIT ${ALBUM_LIMIT}`,
  );

  const owner = { handle: user.handle, displayName: user.display_name };
  return {
    id: user.id,
    handle: user.handle,
    displayName: user.display_name,
    bio: user.bio,
    isOwner: viewer?.id === user.id,
    photoCount: user.photo_count,
    albumCount: albums[0]?.total ?? 0,
    albums: albums.map((row) => ({
      id: row.id,
      title: row.title,
      visibility: row.visibility,
      isDefault: row.is_default,
      photoCount: row.photo_count,
      cover: row.cover
        ? cardFromRow({
            ...row.cover,
            created_at: new Date(row.cover.created_at),
            handle: owner.handle,
            display_name: owner.displayName,
          })
        : null,
    })),
  };
}

/**
 * `visibleAlbumWhere` (src/server/policy/albums.ts) as SQL over `albums a`: own, public, or shared
 * with the viewer by name. list-photos.person.test.ts checks the two agree.
 */
export function visibleAlbumSql(viewer: Viewer): Prisma.Sql {
  if (!viewer) return Prisma.sql`(a.visibility = 'PUBLIC')`;
  const me = Prisma.sql`${viewer.id}::uuid`;
  return Prisma.sql`(a.owner_id = ${me} OR a.visibility = 'PUBLIC'
    OR (a.visibility = 'SHARED' AND EXISTS (SELECT 1 FROM access_grants g WHERE g.album_id = a.id AND g.user_id = ${me})))`;
}

const cardJson = Prisma.sql`json_build_object('id', p.id, 'title', p.title, 'width', p.width, 'height', p.height,
  'access_version', p.access_version, 'thumbhash', p.thumbhash, 'visibility', p.visibility,
  'created_at', p.created_at)`;
