import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { variantUrl } from "@/lib/media-url";
import { db } from "@/server/db/client";
import { visiblePhotoSql } from "@/server/policy/access";
import { visibleAlbumSql } from "@/server/data/get-person";
import type { Viewer } from "@/server/policy/viewer";

export type SharedItem =
  | {
      kind: "photo";
      id: string;
      title: string;
      /** A small display size, under the photo's current access version. */
      thumbnailUrl: string;
      owner: { handle: string; displayName: string };
      sharedAt: string;
    }
  | {
      kind: "album";
      id: string;
      title: string;
      owner: { handle: string; displayName: string };
      sharedAt: string;
    };

export const SHARED_WITH_ME_LIMIT = 200;

interface Row {
  kind: "photo" | "album";
  id: string;
  title: string;
  media_secret: string | null;
  handle: string;
  display_name: string;
  shared_at: Date;
}

/**
 * What others named the viewer on, newest share first: photos shared with them that they may see now
 * (the access model decides, so a photo made private since is gone) and albums shared with them.
 */
export async function listSharedWithMe(viewer: NonNullable<Viewer>): Promise<SharedItem[]> {
  const me = Prisma.sql`${viewer.id}::uuid`;
  const rows = await db()
    .$primary()
    .$queryRaw<Row[]>(
      Prisma.sql`(SELECT 'photo' AS kind, p.id, p.title, p.media_secret, u.handle, u.display_name,
                         g.created_at AS shared_at
                  FROM access_grants g JOIN photos p ON p.id = g.photo_id JOIN users u ON u.id = p.owner_id
                  WHERE g.user_id = ${me} AND p.owner_id <> ${me} AND p.status = 'READY'
                    AND ${visiblePhotoSql(viewer)})
                 UNION ALL
                 (SELECT 'album' AS kind, a.id, a.title, NULL, u.handle, u.display_name, g.created_at
                  FROM access_grants g JOIN albums a ON a.id = g.album_id JOIN users u ON u.id = a.owner_id
                  WHERE g.user_id = ${me} AND a.owner_id <> ${me} AND ${visibleAlbumSql(viewer)})
                 ORDER BY shared_at DESC, id DESC
                 LIMIT ${SHARED_WITH_ME_LIMIT}`,
    );
  return rows.map((row) => {
    const owner = { handle: row.handle, displayName: row.display_name };
    const sharedAt = row.shared_at.toISOString();
    return row.kind === "photo"
      ? {
          kind: "photo" as const,
          id: row.id,
          title: row.title,
          thumbnailUrl: variantUrl(row.id, row.media_secret ?? "", 320),
          owner,
          sharedAt,
        }
      : { kind: "album" as const, id: row.id, title: row.title, owner, sharedAt };
  });
}
