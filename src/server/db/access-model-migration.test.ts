// Migration 20261208000310_access_model on a database holding data from before it: who sees what is
// unchanged but for photos public only through a public album, which it counts in its log.
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createScratchDatabase, withClient, type ScratchDatabase } from "../../../test/support/db";
import { visiblePhotoSql } from "../policy/access";
import { defaultMigrationsDir, migrate } from "./migrate";

const MIGRATION = "20261208000310_access_model";
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const step of cleanup) await step();
});

/** The project's migrations before `MIGRATION`, in a temporary folder. */
async function migrationsBefore(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "pinhole-access-model-"));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  for (const name of (await readdir(defaultMigrationsDir())).sort()) {
    if (name >= MIGRATION || !/^\d+_/.test(name)) continue;
    await cp(path.join(defaultMigrationsDir(), name), path.join(dir, name), { recursive: true });
  }
  return dir;
}

// The rule before this migration (the union of the photo's and its album's access), as it was.
const oldRule = (
  me: string | null,
) => `(p.deleted_at IS NULL AND (p.owner_id = ${me ? `'${me}'` : "NULL"} OR (p.status = 'READY' AND p.hidden_at IS NULL
  AND (p.visibility = 'PUBLIC'
       OR (p.visibility = 'SHARED' AND EXISTS (SELECT 1 FROM access_grants g WHERE g.photo_id = p.id AND g.user_id = ${me ? `'${me}'` : "NULL"}))
       OR EXISTS (SELECT 1 FROM albums a WHERE a.id = p.album_id
                  AND (a.visibility = 'PUBLIC' OR (a.visibility = 'SHARED'
                       AND EXISTS (SELECT 1 FROM access_grants g WHERE g.album_id = a.id AND g.user_id = ${me ? `'${me}'` : "NULL"}))))))))`;

describe("the access model migration", () => {
  it("keeps who sees what, but for photos public through a public album, which it counts", async () => {
    const db: ScratchDatabase = await createScratchDatabase();
    cleanup.push(() => db.drop());
    await migrate(db.url, await migrationsBefore());

    const seeded = await withClient(db.url, async (c) => {
      const user = async (handle: string) =>
        (
          await c.query<{ id: string }>(
            "INSERT INTO users (email, handle, display_name) VALUES ($1, $2, $2) RETURNING id",
            [`${handle}@example.com`, handle],
          )
        ).rows[0]!.id;
      const owner = await user("owner");
      const tom = await user("tom");
      const stranger = await user("stranger");
      const album = async (visibility: string, isDefault = false) =>
        (
          await c.query<{ id: string }>(
            "INSERT INTO albums (owner_id, title, visibility, is_default) VALUES ($1, 'A', $2::visibility, $3) RETURNING id",
            [owner, visibility, isDefault],
          )
        ).rows[0]!.id;
      const home = await album("PRIVATE", true);
      const publicAlbum = await album("PUBLIC");
      const sharedAlbum = await album("SHARED");
      await c.query("INSERT INTO access_grants (user_id, album_id) VALUES ($1, $2)", [tom, sharedAlbum]);
      const photo = async (albumId: string, visibility: string, title: string) =>
        (
          await c.query<{ id: string }>(
            `INSERT INTO photos (owner_id, album_id, visibility, status, title, original_key, mime_type, byte_size, sha256)
             VALUES ($1, $2, $3::visibility, 'READY', $4, 'k', 'image/jpeg', 1, md5($4)) RETURNING id`,
            [owner, albumId, visibility, title],
          )
        ).rows[0]!.id;
      const ids = {
        publicInPublic: await photo(publicAlbum, "PUBLIC", "a"),
        privateInPublic: await photo(publicAlbum, "PRIVATE", "b"),
        sharedWithTomInPublic: await photo(publicAlbum, "SHARED", "c"),
        privateInShared: await photo(sharedAlbum, "PRIVATE", "d"),
        sharedWithTom: await photo(home, "SHARED", "e"),
        privateWithOldGrant: await photo(home, "PRIVATE", "f"),
      };
      await c.query("INSERT INTO access_grants (user_id, photo_id) VALUES ($1, $2), ($1, $3), ($1, $4)", [
        tom,
        ids.sharedWithTomInPublic,
        ids.sharedWithTom,
        ids.privateWithOldGrant,
      ]);
      return { owner, tom, stranger, ids };
    });
    const name = new Map(Object.entries(seeded.ids).map(([k, v]) => [v, k]));
    const seen = (where: string, values: unknown[] = []) =>
      withClient(db.url, async (c) =>
        (await c.query<{ id: string }>(`SELECT p.id FROM photos p WHERE ${where}`, values)).rows
          .map((r) => name.get(r.id)!)
          .sort(),
      );
    const people = { anonymous: null, tom: seeded.tom, stranger: seeded.stranger, owner: seeded.owner };
    const before: Record<string, string[]> = {};
    for (const [who, id] of Object.entries(people)) before[who] = await seen(oldRule(id));

    const result = await migrate(db.url);
    expect(result.applied).toContain(MIGRATION);
    expect(result.notices.filter((n) => n.migration === MIGRATION).map((n) => n.message)).toEqual([
      expect.stringMatching(
        /^access model: 2 photo\(s\) that are not public themselves were public through a public album/,
      ),
      expect.stringMatching(/^access model: removed 1 named-viewer grant\(s\) on private photos/),
    ]);

    const after: Record<string, string[]> = {};
    for (const [who, id] of Object.entries(people)) {
      const sql = visiblePhotoSql(id ? { id, role: "USER" } : null);
      after[who] = await seen(sql.text, sql.values);
    }
    // Only the public-album photos that are not public themselves left anyone's view.
    const lost = (who: string) => before[who]!.filter((p) => !after[who]!.includes(p));
    expect(lost("anonymous")).toEqual(["privateInPublic", "sharedWithTomInPublic"]);
    expect(lost("stranger")).toEqual(["privateInPublic", "sharedWithTomInPublic"]);
    expect(lost("tom")).toEqual(["privateInPublic"]);
    expect(lost("owner")).toEqual([]);
    for (const who of Object.keys(people))
      expect(after[who]!.filter((p) => !before[who]!.includes(p))).toEqual([]);
    expect(after.tom).toEqual([
      "privateInShared",
      "publicInPublic",
      "sharedWithTom",
      "sharedWithTomInPublic",
    ]);
  });
});
