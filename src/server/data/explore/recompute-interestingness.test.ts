import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedUser, type SeededUser } from "../../../../prisma/seed/users";
import { testDatabaseUrl } from "../../../../test/support/db";

process.env.DATABASE_URL = testDatabaseUrl();
const { recomputeInterestingness } = await import("./recompute-interestingness");
const { listPhotos } = await import("@/server/data/list-photos");

const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 3 });
afterAll(() => pool.end());

const HOUR = 3600_000;
// Fixed, so two runs at the same instant compute the same scores whatever the test's own pace.
const now = new Date();

async function album(ownerId: string, visibility: "PUBLIC" | "PRIVATE"): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    "INSERT INTO albums (owner_id, title, visibility) VALUES ($1, 'Album', $2::visibility) RETURNING id",
    [ownerId, visibility],
  );
  return rows[0]!.id;
}

interface PhotoInput {
  albumId: string;
  ageHours: number;
  favorites?: number;
  comments?: number;
  visibility?: "PUBLIC" | "PRIVATE";
  status?: "READY" | "PROCESSING";
  hidden?: boolean;
  deleted?: boolean;
  score?: number;
}

async function photo(ownerId: string, input: PhotoInput): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO photos (owner_id, album_id, visibility, status, hidden_at, deleted_at, created_at,
                         favorite_count, comment_count, interestingness,
                         original_key, mime_type, byte_size, sha256, width, height)
     VALUES ($1, $2, $3::visibility, $4::photo_status, $5, $6, $7, $8, $9, $10, 'k', 'image/jpeg', 1, $11, 400, 300)
     RETURNING id`,
    [
      ownerId,
      input.albumId,
      input.visibility ?? "PUBLIC",
      input.status ?? "READY",
      input.hidden ? now : null,
      input.deleted ? now : null,
      new Date(now.getTime() - input.ageHours * HOUR),
      input.favorites ?? 0,
      input.comments ?? 0,
      input.score ?? 0,
      randomBytes(16).toString("hex"),
    ],
  );
  return rows[0]!.id;
}

async function scores(ids: string[]): Promise<Map<string, { score: number; xmin: string }>> {
  const { rows } = await pool.query<{ id: string; interestingness: number; xmin: string }>(
    "SELECT id, interestingness, xmin::text AS xmin FROM photos WHERE id = ANY($1::uuid[])",
    [ids],
  );
  return new Map(rows.map((r) => [r.id, { score: r.interestingness, xmin: r.xmin }]));
}

describe("recomputeInterestingness", () => {
  let owner: SeededUser;
  let publicAlbum: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    owner = await seedUser(pool);
    publicAlbum = await album(owner.id, "PUBLIC");
    const own = owner.defaultAlbumId; // private: only each photo's own visibility counts
    ids.liked = await photo(owner.id, { albumId: own, ageHours: 10, favorites: 10, comments: 1 });
    ids.newNone = await photo(owner.id, { albumId: own, ageHours: 1 });
    ids.young = await photo(owner.id, { albumId: own, ageHours: 2, favorites: 3 });
    ids.old = await photo(owner.id, { albumId: own, ageHours: 200, favorites: 3 });
    ids.tooOld = await photo(owner.id, { albumId: own, ageHours: 31 * 24, favorites: 50, score: 5 });
    const skipped = { albumId: own, ageHours: 1, favorites: 50, score: 5 };
    ids.private = await photo(owner.id, { ...skipped, visibility: "PRIVATE" });
    ids.hidden = await photo(owner.id, { ...skipped, hidden: true });
    ids.deleted = await photo(owner.id, { ...skipped, deleted: true });
    ids.processing = await photo(owner.id, { ...skipped, status: "PROCESSING" });
    ids.privateInPublicAlbum = await photo(owner.id, {
      albumId: publicAlbum,
      ageHours: 1,
      favorites: 1,
      visibility: "PRIVATE",
    });
  });

  it("ranks liked photos above newer ones with nothing, and decays with age", async () => {
    const result = await recomputeInterestingness({ minIntervalSeconds: 0, now });
    expect(result.ran).toBe(true);
    const s = await scores(Object.values(ids));
    const score = (name: string) => s.get(ids[name]!)!.score;
    expect(score("liked")).toBeGreaterThan(score("newNone"));
    expect(score("newNone")).toBeGreaterThan(0);
    expect(score("young")).toBeGreaterThan(score("old"));
    expect(score("old")).toBeGreaterThan(0);
    // (3 × 10 + 2 × 1 + 1) / (10 + 2)^1.5 = 0.7939…, kept to 3 significant digits
    expect(score("liked")).toBe(0.794);
    // A later run: the same photo has sunk.
    const before = score("young");
    await recomputeInterestingness({ minIntervalSeconds: 0, now: new Date(now.getTime() + 24 * HOUR) });
    expect((await scores([ids.young!])).get(ids.young!)!.score).toBeLessThan(before);
    await recomputeInterestingness({ minIntervalSeconds: 0, now });
  });

  it("gives 0 to what explore cannot show, and to photos past the window", async () => {
    await recomputeInterestingness({ minIntervalSeconds: 0, now });
    const s = await scores(Object.values(ids));
    for (const name of ["tooOld", "private", "hidden", "deleted", "processing"]) {
      expect(s.get(ids[name]!)!.score, name).toBe(0);
    }
    // A private photo in a public album stays private (a public album lends nothing): not scored.
    expect(s.get(ids.privateInPublicAlbum!)!.score).toBe(0);
  });

  it("is idempotent: a second run at the same instant writes nothing", async () => {
    await recomputeInterestingness({ minIntervalSeconds: 0, now });
    const first = await scores(Object.values(ids));
    await recomputeInterestingness({ minIntervalSeconds: 0, now });
    const second = await scores(Object.values(ids));
    // xmin changes with every write of a row: the same one means the row was not rewritten.
    expect(second).toEqual(first);
  });

  it("runs at most once per interval", async () => {
    const later = new Date(now.getTime() + 1000);
    expect((await recomputeInterestingness({ minIntervalSeconds: 0, now })).ran).toBe(true);
    expect((await recomputeInterestingness({ minIntervalSeconds: 600, now: later })).ran).toBe(false);
    const due = new Date(now.getTime() + 601_000);
    expect((await recomputeInterestingness({ minIntervalSeconds: 600, now: due })).ran).toBe(true);
    // Back to the test's instant for anything after this.
    expect((await recomputeInterestingness({ minIntervalSeconds: 0, now })).ran).toBe(true);
  });
});

describe("listPhotos, explore by interestingness", () => {
  it("pages by score then id, never repeating or skipping, showing only what explore may", async () => {
    const owner = await seedUser(pool);
    const albumId = await album(owner.id, "PRIVATE");
    // Past the window, so no recompute in this file rescores them; scores far above anything else.
    const base = { albumId, ageHours: 40 * 24 };
    const shown: { id: string; score: number }[] = [];
    for (const score of [3e6, 2e6, 2e6, 2e6, 2e6, 1e6, 1e6]) {
      shown.push({ id: await photo(owner.id, { ...base, score }), score });
    }
    await photo(owner.id, { ...base, score: 4e6, visibility: "PRIVATE" });
    await photo(owner.id, { ...base, score: 4e6, hidden: true });
    const expected = [...shown].sort((a, b) => b.score - a.score || (a.id < b.id ? 1 : -1)).map((p) => p.id);
    const mine = new Set(expected);

    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 100; page++) {
      const result = await listPhotos(null, { kind: "explore", order: "interesting" }, { cursor, limit: 2 });
      seen.push(...result.photos.map((p) => p.id).filter((id) => mine.has(id)));
      cursor = result.nextCursor;
      if (!cursor || seen.length >= expected.length) break;
    }
    expect(seen).toEqual(expected);
    // Signed in, the owner sees the same public square (their private photo is not there).
    const asOwner = await listPhotos(
      { id: owner.id, role: "USER" },
      { kind: "explore", order: "interesting" },
      { limit: 200 },
    );
    expect(asOwner.photos.map((p) => p.id).filter((id) => mine.has(id))).toEqual(expected);
  });
});
