// Seeds a search-sized database: `users` people (handles search-0001…) and `photos` READY photo rows
// whose titles (2–4 words), tags (1–4) and descriptions (0–12 words) are drawn from a vocabulary of
// about 4 000 words with a long-tailed frequency (a few words are common, most are rare), the way
// photo captions are. Generated inside PostgreSQL in one statement per table (the search_vector
// trigger fills the vector as rows go in), so 1 000 000 photos take a few minutes.
// Visibility: 80 % PUBLIC, 12 % PRIVATE, 8 % SHARED (granted to the next person along); each person
// has a default album (PRIVATE), a PUBLIC one and a SHARED one granted to the next person.
import type pg from "pg";

export interface SearchSeed {
  seeded: boolean;
  users: number;
  photos: number;
  seconds: number;
}

export const SEARCH_WORDS = [
  "sunset",
  "sunrise",
  "lisbon",
  "porto",
  "tram",
  "beach",
  "harbour",
  "bridge",
  "cathedral",
  "market",
  "mountain",
  "lake",
  "river",
  "forest",
  "snow",
  "rain",
  "fog",
  "storm",
  "night",
  "city",
  "street",
  "alley",
  "portrait",
  "family",
  "wedding",
  "dog",
  "cat",
  "bird",
  "fox",
  "horse",
  "garden",
  "flower",
  "tulip",
  "rose",
  "autumn",
  "spring",
  "summer",
  "winter",
  "train",
  "station",
  "bicycle",
  "car",
  "lighthouse",
  "boat",
  "sea",
  "waves",
  "dunes",
  "desert",
  "castle",
  "church",
  "tower",
  "skyline",
  "reflection",
  "shadow",
  "light",
  "window",
  "door",
  "stairs",
  "roof",
  "market",
  "food",
  "coffee",
  "café",
  "são",
  "paulo",
  "kyoto",
  "tokyo",
  "paris",
  "berlin",
  "rome",
  "venice",
  "gondola",
  "canal",
  "festival",
  "concert",
  "dance",
  "children",
  "school",
  "park",
  "bench",
  "statue",
  "museum",
  "library",
  "island",
  "volcano",
  "glacier",
  "waterfall",
  "canyon",
  "valley",
  "hill",
  "field",
  "farm",
  "barn",
];

/** Vocabulary: the real words first (the most common), then made-up ones for the long tail. */
export function searchVocabulary(size = 4000): string[] {
  const syllables = [
    "ka",
    "lo",
    "mi",
    "ne",
    "tor",
    "vel",
    "ra",
    "sun",
    "bri",
    "gan",
    "do",
    "fe",
    "lis",
    "mar",
    "po",
    "zu",
  ];
  const words = [...new Set(SEARCH_WORDS)];
  for (let i = 0; words.length < size; i++) {
    const a = syllables[i % 16]!;
    const b = syllables[Math.floor(i / 16) % 16]!;
    const c = syllables[Math.floor(i / 256) % 16]!;
    words.push(`${a}${b}${c}${i % 7 === 0 ? "n" : ""}`);
  }
  return [...new Set(words)];
}

/** How skewed word frequencies are: a word's rank is V × random()^WORD_SKEW. */
export const WORD_SKEW = 1.3;

export function searchHandle(i: number): string {
  return `search-${String(i).padStart(4, "0")}`;
}

export async function seedSearch(pool: pg.Pool, users: number, photos: number): Promise<SearchSeed> {
  const started = performance.now();
  const existing = await pool.query<{ users: string; photos: string }>(
    `SELECT (SELECT count(*) FROM users WHERE handle LIKE 'search-%') AS users,
            (SELECT count(*) FROM photos p JOIN users u ON u.id = p.owner_id WHERE u.handle LIKE 'search-%') AS photos`,
  );
  const have = existing.rows[0]!;
  if (Number(have.users) >= users && Number(have.photos) >= photos) {
    return { seeded: false, users: Number(have.users), photos: Number(have.photos), seconds: 0 };
  }
  if (Number(have.users) > 0) throw new Error("the database holds a different search seed; drop it");

  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    // Page versions are for the page cache; a million bumps would only slow the seed down.
    await client.query("ALTER TABLE photos DISABLE TRIGGER photos_page_version");
    await client.query("SELECT setseed(0.42)");
    await client.query(
      `INSERT INTO users (email, handle, display_name, created_at)
       SELECT 'search-' || lpad(i::text, 4, '0') || '@example.test', 'search-' || lpad(i::text, 4, '0'),
              'Searcher ' || i, now() - interval '3 years'
       FROM generate_series(1, $1::int) AS i`,
      [users],
    );
    await client.query(
      `INSERT INTO albums (owner_id, title, visibility, is_default)
       SELECT u.id, CASE k WHEN 0 THEN 'Photostream' ELSE 'Album ' || k END,
              (ARRAY['PRIVATE','PUBLIC','SHARED'])[1 + k]::visibility, k = 0
       FROM users u CROSS JOIN generate_series(0, 2) AS k WHERE u.handle LIKE 'search-%'`,
    );
    await client.query(
      `CREATE TEMP TABLE search_owner ON COMMIT DROP AS
       SELECT row_number() OVER (ORDER BY u.handle) - 1 AS n, u.id AS owner_id,
              array_agg(a.id ORDER BY a.is_default DESC, a.visibility) AS albums
       FROM users u JOIN albums a ON a.owner_id = u.id WHERE u.handle LIKE 'search-%' GROUP BY u.id, u.handle`,
    );
    // words(): the long tail. floor(V * random()^ZIPF) makes the commonest word about one pick in 600
    // (in about 2 % of photos), the 100th one pick in 13 000.
    await client.query(
      `CREATE FUNCTION pg_temp.words(vocab text[], n int) RETURNS text LANGUAGE sql VOLATILE AS $$
         SELECT coalesce(string_agg(vocab[1 + floor(cardinality(vocab) * power(random(), ${WORD_SKEW}))::int], ' '), '')
         FROM generate_series(1, n)
       $$`,
    );
    await client.query(
      `INSERT INTO photos (owner_id, album_id, title, description, tags, visibility, status, original_key,
                           mime_type, byte_size, sha256, width, height, created_at, taken_at)
       SELECT o.owner_id,
              o.albums[CASE WHEN s.i % 5 < 3 THEN 1 WHEN s.i % 5 = 3 THEN 2 ELSE 3 END],
              initcap(pg_temp.words($3, 2 + s.i % 3)),
              pg_temp.words($3, (s.i * 7) % 13),
              string_to_array(pg_temp.words($3, 1 + s.i % 4), ' '),
              CASE WHEN s.i % 25 < 20 THEN 'PUBLIC' WHEN s.i % 25 < 23 THEN 'PRIVATE' ELSE 'SHARED' END::visibility,
              'READY', 'search/' || s.i, 'image/jpeg', 1000000, md5('search-' || s.i), 4000, 3000,
              now() - s.i * interval '1 minute', CASE WHEN s.i % 3 = 0 THEN now() - s.i * interval '70 seconds' END
       FROM (SELECT i, i % $2 AS n FROM generate_series(1, $1::int) AS i) AS s
       JOIN search_owner o ON o.n = s.n`,
      [photos, users, searchVocabulary()],
    );
    await client.query(
      `INSERT INTO access_grants (user_id, photo_id)
       SELECT nxt.owner_id, p.id FROM photos p
       JOIN search_owner o ON o.owner_id = p.owner_id JOIN search_owner nxt ON nxt.n = (o.n + 1) % $1
       WHERE p.visibility = 'SHARED'`,
      [users],
    );
    await client.query(
      `INSERT INTO access_grants (user_id, album_id)
       SELECT nxt.owner_id, o.albums[3] FROM search_owner o JOIN search_owner nxt ON nxt.n = (o.n + 1) % $1`,
      [users],
    );
    await client.query("ALTER TABLE photos ENABLE TRIGGER photos_page_version");
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  await pool.query("VACUUM ANALYZE photos");
  await pool.query("ANALYZE users; ANALYZE albums; ANALYZE access_grants");
  return { seeded: true, users, photos, seconds: (performance.now() - started) / 1000 };
}
