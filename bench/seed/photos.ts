// Seeds a browsing-sized database for benchmarks: `users` people (handles bench-0001…), each with a
// default album and four others, and `photos` READY-looking photo rows (no files: the grid only needs
// rows) spread over them, with a realistic mix of visibility, album placement and a little noise
// (processing, failed, hidden, deleted). Everything is generated inside PostgreSQL with
// generate_series in one transaction: 100 000 photos take seconds, 1 000 000 well under minutes.
// Plain `pg`, no server-only modules, so any process can run it.
import { hash } from "@node-rs/argon2";
import type pg from "pg";
import { rgbaToThumbHash } from "thumbhash";

export interface SeedOptions {
  users?: number;
  photos?: number;
  /** Every seeded account's password (handles bench-0001… , emails bench-0001@example.test). */
  password?: string;
}

export interface SeedResult {
  /** False when the database already held this seed and nothing was written. */
  seeded: boolean;
  users: number;
  photos: number;
  seconds: number;
}

export const BENCH_PASSWORD = "bench-password";

/** The handle of the i-th seeded person, 1-based. */
export function benchHandle(i: number): string {
  return `bench-${String(i).padStart(4, "0")}`;
}

/** Seeds once: a database that already holds at least this many bench users and photos is reused. */
export async function seedBrowsing(pool: pg.Pool, options: SeedOptions = {}): Promise<SeedResult> {
  const users = options.users ?? 1000;
  const photos = options.photos ?? 100_000;
  const started = performance.now();
  const existing = await pool.query<{ users: string; photos: string }>(
    `SELECT (SELECT count(*) FROM users WHERE handle LIKE 'bench-%') AS users,
            (SELECT count(*) FROM photos p JOIN users u ON u.id = p.owner_id WHERE u.handle LIKE 'bench-%') AS photos`,
  );
  const have = existing.rows[0];
  if (have && Number(have.users) > 0) {
    if (Number(have.users) >= users && Number(have.photos) >= photos) {
      return { seeded: false, users: Number(have.users), photos: Number(have.photos), seconds: 0 };
    }
    throw new Error(
      `the database holds a different bench seed (${have.users} users, ${have.photos} photos); drop it or point the bench at another database`,
    );
  }

  const passwordHash = await hash(options.password ?? BENCH_PASSWORD, {
    memoryCost: 19456,
    timeCost: 2,
    parallelism: 1,
  });
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO users (email, handle, display_name, password_hash, created_at)
       SELECT 'bench-' || lpad(i::text, 4, '0') || '@example.test', 'bench-' || lpad(i::text, 4, '0'),
              (ARRAY['Ada','Grace','Alan','Edsger','Barbara','Donald','Frances','Ken','Radia','Tim'])[1 + i % 10]
                || ' ' || (ARRAY['Lovelace','Hopper','Turing','Dijkstra','Liskov','Knuth','Allen','Thompson','Perlman','Berners'])[1 + (i / 10) % 10]
                || ' ' || i,
              $2, now() - interval '3 years' + i * interval '1 minute'
       FROM generate_series(1, $1::int) AS i`,
      [users, passwordHash],
    );
    // Album 0 is the default one (PRIVATE: adds nobody); 1 and 2 PUBLIC, 3 PRIVATE, 4 SHARED.
    await client.query(
      `INSERT INTO albums (owner_id, title, visibility, is_default, created_at)
       SELECT u.id,
              CASE k WHEN 0 THEN 'Photostream'
                     ELSE (ARRAY['Summer','Mountains','Family','Street','City nights','Garden','Travel','Portraits'])[1 + (k + hashtext(u.handle) & 7) % 8] || ' ' || k END,
              (ARRAY['PRIVATE','PUBLIC','PUBLIC','PRIVATE','SHARED'])[1 + k]::visibility,
              k = 0,
              u.created_at + k * interval '1 day'
       FROM users u CROSS JOIN generate_series(0, 4) AS k
       WHERE u.handle LIKE 'bench-%'`,
    );
    await client.query(
      `CREATE TEMP TABLE bench_owner ON COMMIT DROP AS
       SELECT row_number() OVER (ORDER BY u.handle) - 1 AS n, u.id AS owner_id,
              array_agg(a.id ORDER BY a.is_default DESC, a.created_at) AS albums
       FROM users u JOIN albums a ON a.owner_id = u.id
       WHERE u.handle LIKE 'bench-%'
       GROUP BY u.id, u.handle`,
    );
    // Photo i belongs to owner n = i mod users and is that owner's k-th; half go to the default album,
    // the rest across the other four. 80 % PUBLIC, 12 % PRIVATE, 8 % SHARED; created_at spread over two
    // years, newest first for small i, with a few exact ties (the id breaks them).
    await client.query(
      `INSERT INTO photos (owner_id, album_id, title, description, tags, visibility, status,
                           original_key, original_name, mime_type, byte_size, sha256, width, height,
                           thumbhash, taken_at, hidden_at, deleted_at, created_at, updated_at)
       SELECT o.owner_id,
              o.albums[CASE WHEN s.k % 2 = 0 THEN 1 ELSE 2 + (s.k / 2 + s.n) % 4 END],
              CASE WHEN (s.k + s.n) % 9 = 0 THEN ''
                   ELSE (ARRAY['Sunset','Harbour','Fox','Old bridge','Morning fog','Market','Lighthouse','Snow','Cathedral','Bicycle','Tram','Dunes','Koi','Alley','Orchard','Storm'])[1 + (s.k * 7 + s.n * 3) % 16]
                        || ' ' || (ARRAY['at dusk','in spring','no. 2','from above','at noon','in the rain','again','at home'])[1 + (s.k * 5 + s.n) % 8]
              END,
              '',
              ARRAY[(ARRAY['landscape','city','people','animals','night','bw'])[1 + (s.k + s.n) % 6]],
              CASE WHEN (s.k * 3 + s.n) % 25 < 20 THEN 'PUBLIC' WHEN (s.k * 3 + s.n) % 25 < 23 THEN 'PRIVATE' ELSE 'SHARED' END::visibility,
              CASE WHEN s.i % 211 = 0 THEN 'PROCESSING' WHEN s.i % 307 = 0 THEN 'FAILED' ELSE 'READY' END::photo_status,
              'bench/' || s.i || '.jpg', 'IMG_' || s.i || '.jpg', 'image/jpeg', 2000000 + s.i % 5000000,
              encode(sha256(convert_to('bench-photo-' || s.i, 'UTF8')), 'hex'),
              (ARRAY[4000, 3000, 4000, 2048, 6000, 3024, 1080, 5472])[1 + (s.k + s.n) % 8],
              (ARRAY[3000, 4000, 2250, 2048, 2000, 4032, 1350, 3648])[1 + (s.k + s.n) % 8],
              -- A real hash with three AC bytes varied: every photo's placeholder is its own.
              encode(set_byte(set_byte(set_byte(decode(($3::text[])[1 + (s.k + s.n) % cardinality($3::text[])], 'base64'),
                5, s.i % 256), 6, (s.i / 256) % 256), 7, (s.i / 65536) % 256), 'base64'),
              now() - s.i * interval '10 minutes' - interval '1 day',
              CASE WHEN s.i % 503 = 0 THEN now() END,
              CASE WHEN s.i % 401 = 0 THEN now() END,
              now() - (s.i - s.i % 17 / 16) * ($4::float8 * interval '1 second'),
              now()
       FROM (SELECT i, i % $2 AS n, i / $2 AS k FROM generate_series(1, $1::int) AS i) AS s
       JOIN bench_owner o ON o.n = s.n`,
      [photos, users, thumbhashes(), Math.max(1, Math.floor((2 * 365 * 86400) / photos))],
    );
    // Named viewers: each SHARED photo and album is shared with the next person along.
    await client.query(
      `INSERT INTO access_grants (user_id, photo_id)
       SELECT nxt.owner_id, p.id
       FROM photos p JOIN bench_owner o ON o.owner_id = p.owner_id
       JOIN bench_owner nxt ON nxt.n = (o.n + 1) % $1
       WHERE p.visibility = 'SHARED'`,
      [users],
    );
    await client.query(
      `INSERT INTO access_grants (user_id, album_id)
       SELECT nxt.owner_id, o.albums[5]
       FROM bench_owner o JOIN bench_owner nxt ON nxt.n = (o.n + 1) % $1`,
      [users],
    );
    // Half the public albums have a chosen cover (some photo in them); the rest show their newest.
    await client.query(
      `UPDATE albums a SET cover_photo_id = (
         SELECT p.id FROM photos p WHERE p.album_id = a.id AND p.status = 'READY' ORDER BY p.created_at LIMIT 1)
       WHERE a.visibility = 'PUBLIC' AND NOT a.is_default AND a.owner_id IN (SELECT owner_id FROM bench_owner WHERE n % 2 = 0)`,
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  await pool.query("ANALYZE users; ANALYZE albums; ANALYZE photos; ANALYZE access_grants");
  return { seeded: true, users, photos, seconds: (performance.now() - started) / 1000 };
}

// A handful of real ThumbHashes (soft two-colour gradients) to vary per photo.
function thumbhashes(): string[] {
  const palette: [number, number, number][] = [
    [232, 148, 84],
    [64, 112, 176],
    [96, 160, 96],
    [200, 200, 210],
    [160, 64, 96],
    [40, 40, 48],
    [220, 190, 120],
    [120, 180, 200],
  ];
  const out: string[] = [];
  for (let k = 0; k < 16; k++) {
    const w = k % 2 ? 100 : 75;
    const h = k % 2 ? 75 : 100;
    const [a, b] = [palette[k % 8]!, palette[(k * 3 + 1) % 8]!];
    const rgba = new Uint8Array(w * h * 4);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const t = (x / w + y / h) / 2;
        const o = (y * w + x) * 4;
        for (let c = 0; c < 3; c++) rgba[o + c] = Math.round(a[c]! * (1 - t) + b[c]! * t);
        rgba[o + 3] = 255;
      }
    }
    out.push(Buffer.from(rgbaToThumbHash(w, h, rgba)).toString("base64"));
  }
  return out;
}
