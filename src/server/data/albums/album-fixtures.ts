// Seed helpers for the album tests (plain SQL through `pg`, like prisma/seed): not app code.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { seedUser, type SeededUser } from "../../../../prisma/seed/users";

export type Vis = "PUBLIC" | "PRIVATE" | "SHARED";

export function openPool(url: string): pg.Pool {
  return new pg.Pool({ connectionString: url, max: 3 });
}

export function viewerOf(user: SeededUser): { id: string; role: "USER" } {
  return { id: user.id, role: "USER" };
}

export function newUser(pool: pg.Pool): Promise<SeededUser> {
  return seedUser(pool);
}

export async function addAlbum(
  pool: pg.Pool,
  ownerId: string,
  options: { title?: string; visibility?: Vis; sharedWith?: string[] } = {},
): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    "INSERT INTO albums (owner_id, title, visibility) VALUES ($1, $2, $3::visibility) RETURNING id",
    [ownerId, options.title ?? "Album", options.visibility ?? "PRIVATE"],
  );
  const id = rows[0]!.id;
  for (const userId of options.sharedWith ?? []) {
    await pool.query("INSERT INTO access_grants (user_id, album_id) VALUES ($1, $2)", [userId, id]);
  }
  return id;
}

export interface PhotoSeed {
  title?: string;
  position?: number;
  visibility?: Vis;
  status?: "READY" | "PROCESSING" | "FAILED";
}

/** Inserts ready photos (positions 1024, 2048, … unless given) and returns their ids in order. */
export async function addPhotos(
  pool: pg.Pool,
  ownerId: string,
  albumId: string,
  seeds: PhotoSeed[] | number,
): Promise<string[]> {
  const list: PhotoSeed[] = typeof seeds === "number" ? Array.from({ length: seeds }, () => ({})) : seeds;
  const ids: string[] = [];
  for (const [i, seed] of list.entries()) {
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO photos (owner_id, album_id, title, visibility, status, original_key, mime_type, byte_size, sha256)
       VALUES ($1, $2, $3, $4::visibility, $5::photo_status, 'k', 'image/jpeg', 1, $6) RETURNING id`,
      [
        ownerId,
        albumId,
        seed.title ?? `Photo ${i + 1}`,
        seed.visibility ?? "PUBLIC",
        seed.status ?? "READY",
        randomBytes(16).toString("hex"),
      ],
    );
    ids.push(rows[0]!.id);
    // The insert trigger put it at the end of its home album; the seed's place replaces that.
    await pool.query("UPDATE album_photos SET position = $3 WHERE album_id = $1 AND photo_id = $2", [
      albumId,
      rows[0]!.id,
      seed.position ?? (i + 1) * 1024,
    ]);
  }
  return ids;
}

/** The album's photo ids in album order (every status). */
export async function albumOrder(pool: pg.Pool, albumId: string): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    "SELECT photo_id AS id FROM album_photos WHERE album_id = $1 ORDER BY position, photo_id",
    [albumId],
  );
  return rows.map((r) => r.id);
}

export async function photoRow(pool: pg.Pool, id: string) {
  const { rows } = await pool.query<{
    album_id: string;
    position: number;
    visibility: Vis;
    access_version: number;
  }>(
    `SELECT p.album_id, ap.position, p.visibility::text AS visibility, p.access_version
     FROM photos p JOIN album_photos ap ON ap.album_id = p.album_id AND ap.photo_id = p.id WHERE p.id = $1`,
    [id],
  );
  return rows[0];
}
