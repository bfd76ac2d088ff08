// Named viewers and the access editor's data functions, against a real PostgreSQL: who may change
// access (the owner, nobody else), what email look-ups reveal (nothing), and the words the owner reads.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../../../test/support/db";
import { seedUser, type SeededUser } from "../../../../prisma/seed/users";
import { addAlbum, addPhotos, newUser, openPool, photoRow, viewerOf } from "../albums/album-fixtures";

process.env.DATABASE_URL = testDatabaseUrl();
const added = await import("./add-viewers");
const shared = await import("./share-photos");
// Invitation mails link to this origin.
const ORIGIN = "http://pinhole.test";
const addViewers = (...args: Parameters<typeof added.addViewers> extends [...infer A, string] ? A : never) =>
  added.addViewers(...args, ORIGIN);
const sharePhotos = (
  ...args: Parameters<typeof shared.sharePhotos> extends [...infer A, string] ? A : never
) => shared.sharePhotos(...args, ORIGIN);
const { removeViewer } = await import("./remove-viewer");
const { listViewers } = await import("./list-viewers");
const { setVisibility } = await import("./set-visibility");
const { searchPeople } = await import("./search-people");
const { describeAccess } = await import("./describe-access");
const { EMAIL_LOOKUPS_PER_WINDOW } = await import("@/server/cache/rate-limits");
const { checkPhotoAccess } = await import("@/server/policy/photos");
const { checkAlbumAccess } = await import("@/server/policy/albums");
const { AppError } = await import("@/server/errors/app-error");

const pool = openPool(testDatabaseUrl());
afterAll(() => pool.end());

const tag = () => randomBytes(4).toString("hex");
const photo = (id: string) => ({ kind: "photo" as const, id });
const album = (id: string) => ({ kind: "album" as const, id });

/** People with the names the wording tests read out. */
function person(displayName: string, handle?: string): Promise<SeededUser> {
  return seedUser(pool, { displayName, handle });
}

async function albumVersion(id: string): Promise<number> {
  const { rows } = await pool.query<{ access_version: number }>(
    "SELECT access_version FROM albums WHERE id = $1",
    [id],
  );
  return rows[0]!.access_version;
}

describe("adding and removing viewers", () => {
  it("shares a private photo with a handle, and a removal takes effect with a new access version", async () => {
    const [owner, ana] = await Promise.all([newUser(pool), person("Ana")]);
    const [id] = await addPhotos(pool, owner.id, owner.defaultAlbumId, [{ visibility: "PRIVATE" }]);
    expect(await checkPhotoAccess(viewerOf(ana), [id!])).toEqual(new Set());

    const added = await addViewers(viewerOf(owner), photo(id!), [`@${ana.handle.toUpperCase()}`]);
    expect(added).toEqual({
      people: [{ handle: ana.handle, displayName: "Ana" }],
      unknown: [],
      invited: [],
      includedSelf: false,
      visibility: "SHARED",
    });
    expect(await photoRow(pool, id!)).toMatchObject({ visibility: "SHARED", access_version: 1 });
    expect(await checkPhotoAccess(viewerOf(ana), [id!])).toEqual(new Set([id]));
    expect(await listViewers(viewerOf(owner), photo(id!))).toEqual([
      { handle: ana.handle, displayName: "Ana" },
    ]);
    // Adding again changes nothing.
    await addViewers(viewerOf(owner), photo(id!), [ana.handle]);
    expect(await listViewers(viewerOf(owner), photo(id!))).toHaveLength(1);

    expect(await removeViewer(viewerOf(owner), photo(id!), ana.handle)).toEqual({
      handle: ana.handle,
      displayName: "Ana",
    });
    expect(await checkPhotoAccess(viewerOf(ana), [id!])).toEqual(new Set());
    expect(await photoRow(pool, id!)).toMatchObject({ visibility: "SHARED", access_version: 2 });
    expect(await removeViewer(viewerOf(owner), photo(id!), ana.handle)).toBeNull();
    expect(await photoRow(pool, id!)).toMatchObject({ access_version: 2 });
  });

  it("keeps a public photo public when people are added, and bumps nothing for an inert grant", async () => {
    const [owner, ana] = await Promise.all([newUser(pool), newUser(pool)]);
    const [id] = await addPhotos(pool, owner.id, owner.defaultAlbumId, [{ visibility: "PUBLIC" }]);
    expect((await addViewers(viewerOf(owner), photo(id!), [ana.handle])).visibility).toBe("PUBLIC");
    expect(await removeViewer(viewerOf(owner), photo(id!), ana.handle)).not.toBeNull();
    expect(await photoRow(pool, id!)).toMatchObject({ visibility: "PUBLIC", access_version: 1 });
    // The owner naming themself adds no row.
    const self = await addViewers(viewerOf(owner), photo(id!), [owner.handle]);
    expect(self).toMatchObject({ people: [], includedSelf: true });
  });

  it("lets only the owner add, remove, list, describe or change visibility: others get not_found", async () => {
    const [owner, stranger, ana] = await Promise.all([newUser(pool), newUser(pool), newUser(pool)]);
    const albumId = await addAlbum(pool, owner.id, { visibility: "SHARED", sharedWith: [ana.id] });
    const [id] = await addPhotos(pool, owner.id, albumId, [{ visibility: "PRIVATE" }]);
    for (const target of [photo(id!), album(albumId), photo(crypto.randomUUID()), photo("not-a-uuid")]) {
      for (const attempt of [
        () => addViewers(viewerOf(stranger), target, [stranger.handle]),
        () => removeViewer(viewerOf(stranger), target, ana.handle),
        () => listViewers(viewerOf(stranger), target),
        () => describeAccess(viewerOf(stranger), target),
        () => setVisibility(viewerOf(stranger), target, "PUBLIC"),
      ]) {
        const error = await attempt().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AppError);
        expect(error).toMatchObject({ code: "not_found" });
      }
    }
    expect(await photoRow(pool, id!)).toMatchObject({ visibility: "PRIVATE", access_version: 1 });
    expect(await checkPhotoAccess(viewerOf(stranger), [id!])).toEqual(new Set());
    expect(await checkAlbumAccess(viewerOf(ana), [albumId])).toEqual(new Set([albumId]));
    expect(await listViewers(viewerOf(owner), album(albumId))).toHaveLength(1);
  });
});

describe("email look-ups", () => {
  it("adds a person by exact email and says only their handle and name", async () => {
    const owner = await newUser(pool);
    const ana = await seedUser(pool, { displayName: "Ana", email: `Ana.${tag()}@Example.test` });
    const [id] = await addPhotos(pool, owner.id, owner.defaultAlbumId, [{ visibility: "PRIVATE" }]);
    const added = await addViewers(viewerOf(owner), photo(id!), [ana.email.toUpperCase()]);
    expect(added.people).toEqual([{ handle: ana.handle, displayName: "Ana" }]);
    expect(JSON.stringify(added)).not.toContain("@example.test");
    expect(JSON.stringify(await listViewers(viewerOf(owner), photo(id!)))).not.toContain("@");
  });

  it("invites an address with no account instead of granting anything; an unknown handle is no such person", async () => {
    const owner = await newUser(pool);
    const [id] = await addPhotos(pool, owner.id, owner.defaultAlbumId, [{ visibility: "PRIVATE" }]);
    const nobody = `Nobody-${tag()}@Example.test`;
    const byEmail = await addViewers(viewerOf(owner), photo(id!), [nobody]);
    const byHandle = await addViewers(viewerOf(owner), photo(id!), [`nobody-${tag()}`]);
    expect(byEmail).toEqual({
      people: [],
      unknown: [],
      invited: [nobody.toLowerCase()],
      includedSelf: false,
      visibility: "SHARED",
    });
    expect(byHandle).toMatchObject({ people: [], invited: [], includedSelf: false });
    const { rows } = await pool.query("SELECT email FROM invitations WHERE photo_id = $1", [id]);
    expect(rows).toEqual([{ email: nobody.toLowerCase() }]);
  });

  it("never grants to, nor finds, an account whose address is unverified (a squatter)", async () => {
    const owner = await newUser(pool);
    const squatter = await seedUser(pool, { emailVerified: false, displayName: `Squatter ${tag()}` });
    const [id] = await addPhotos(pool, owner.id, owner.defaultAlbumId, [{ visibility: "PRIVATE" }]);
    expect(await searchPeople(viewerOf(owner), squatter.email)).toEqual([]);
    const added = await addViewers(viewerOf(owner), photo(id!), [squatter.email]);
    expect(added).toMatchObject({ people: [], invited: [squatter.email] });
    expect(await checkPhotoAccess(viewerOf(squatter), [id!])).toEqual(new Set());
    expect(JSON.stringify(added)).not.toContain(squatter.displayName);
  });

  it("limits look-ups by email per person, in the search box and when adding", async () => {
    const [owner, ana] = await Promise.all([newUser(pool), newUser(pool)]);
    const [id] = await addPhotos(pool, owner.id, owner.defaultAlbumId, [{ visibility: "PRIVATE" }]);
    expect(await searchPeople(viewerOf(owner), ana.email)).toEqual([
      { handle: ana.handle, displayName: ana.displayName },
    ]);
    const guesses = Array.from(
      { length: EMAIL_LOOKUPS_PER_WINDOW },
      (_, i) => `guess-${i}-${tag()}@example.test`,
    );
    await addViewers(viewerOf(owner), photo(id!), guesses.slice(0, 20));
    await addViewers(viewerOf(owner), photo(id!), guesses.slice(20, 39));
    const error = await addViewers(viewerOf(owner), photo(id!), [ana.email]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "rate_limited" });
    // The search still answers by handle and name, but no longer by email.
    expect(await searchPeople(viewerOf(owner), ana.email)).toEqual([]);
    expect(await searchPeople(viewerOf(owner), ana.handle)).toEqual([
      { handle: ana.handle, displayName: ana.displayName },
    ]);
    // Handles are not limited.
    expect((await addViewers(viewerOf(owner), photo(id!), [ana.handle])).people).toHaveLength(1);
  });
});

describe("searchPeople", () => {
  it("finds handle and display-name prefixes, case-insensitively, at most 8, never with an email", async () => {
    const prefix = `zq${tag()}`;
    const owner = await seedUser(pool, { handle: `${prefix}-owner`, displayName: "Owner" });
    const people = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        seedUser(pool, { handle: `${prefix}-${i}`, displayName: `Person ${i}` }),
      ),
    );
    const byName = await seedUser(pool, { displayName: `${prefix.toUpperCase()} Named` });

    const found = await searchPeople(viewerOf(owner), prefix.toUpperCase());
    expect(found).toHaveLength(8);
    expect(found.map((p) => p.handle)).not.toContain(owner.handle);
    for (const result of found) {
      expect(Object.keys(result).sort()).toEqual(["displayName", "handle"]);
      expect(result.handle.startsWith(prefix)).toBe(true);
    }
    expect(JSON.stringify(found)).not.toContain("@");
    expect(await searchPeople(viewerOf(owner), `@${people[3]!.handle}`)).toEqual([
      { handle: people[3]!.handle, displayName: "Person 3" },
    ]);
    expect(await searchPeople(viewerOf(owner), `${prefix} nam`)).toEqual([
      { handle: byName.handle, displayName: byName.displayName },
    ]);
  });

  it("matches an email only exactly, shows it as handle and name, and takes wildcards literally", async () => {
    const owner = await newUser(pool);
    const ana = await seedUser(pool, { displayName: "Ana", email: `ana-${tag()}@example.test` });
    expect(await searchPeople(viewerOf(owner), ana.email)).toEqual([
      { handle: ana.handle, displayName: "Ana" },
    ]);
    // A part of the address (the domain, a prefix) names nobody.
    expect(await searchPeople(viewerOf(owner), "example.test")).toEqual([]);
    expect(await searchPeople(viewerOf(owner), ana.email.slice(0, -2))).toEqual([]);
    for (const q of ["%", "_", "\\", "%a%", "'; DROP TABLE users; --", "", "   "]) {
      expect(await searchPeople(viewerOf(owner), q)).toEqual([]);
    }
    expect(await searchPeople(viewerOf(owner), owner.email)).toEqual([]);
  });
});

describe("describeAccess", () => {
  async function scene(names: string[]) {
    const owner = await newUser(pool);
    const people = await Promise.all(names.map((n) => person(n)));
    return { owner, people };
  }

  async function sharedWith(owner: SeededUser, people: SeededUser[]) {
    const [id] = await addPhotos(pool, owner.id, owner.defaultAlbumId, [{ visibility: "PRIVATE" }]);
    // One at a time: the order they were added is the order they are named in.
    for (const p of people) await addViewers(viewerOf(owner), photo(id!), [p.handle]);
    return describeAccess(viewerOf(owner), photo(id!));
  }

  it("says everyone for a public photo and only you for a private one", async () => {
    const { owner } = await scene([]);
    const [pub, priv] = await addPhotos(pool, owner.id, owner.defaultAlbumId, [
      { visibility: "PUBLIC" },
      { visibility: "PRIVATE" },
    ]);
    expect(await describeAccess(viewerOf(owner), photo(pub!))).toMatchObject({
      visibility: "PUBLIC",
      summary: "Visible to: everyone",
      own: "everyone",
      album: { text: "only you", lends: false },
      result: "everyone",
    });
    expect(await describeAccess(viewerOf(owner), photo(priv!))).toMatchObject({
      visibility: "PRIVATE",
      viewers: [],
      summary: "Visible to: only you",
    });
  });

  it("names one or two people and counts the rest", async () => {
    const { owner, people } = await scene(["Ana", "Ben", "Cy", "Di", "Ed"]);
    expect((await sharedWith(owner, people.slice(0, 1))).summary).toBe("Visible to: you and Ana");
    expect((await sharedWith(owner, people.slice(0, 2))).summary).toBe("Visible to: you, Ana and Ben");
    const five = await sharedWith(owner, people);
    expect(five.summary).toBe("Visible to: you, Ana and 4 others");
    expect(five.viewers.map((v) => v.displayName)).toEqual(["Ana", "Ben", "Cy", "Di", "Ed"]);
  });

  it("says a private photo in a shared album is seen via the album, and the union agrees with the policy", async () => {
    const { owner, people } = await scene(["Ana", "Ben", "Cy", "Di"]);
    const outsider = await newUser(pool);
    const trip = await addAlbum(pool, owner.id, {
      title: "Trip",
      visibility: "SHARED",
      sharedWith: people.map((p) => p.id),
    });
    const [id] = await addPhotos(pool, owner.id, trip, [{ visibility: "PRIVATE" }]);
    expect(await describeAccess(viewerOf(owner), photo(id!))).toMatchObject({
      summary: "Visible to: you, Ana and 3 others via the album Trip",
      own: "only you",
      album: { title: "Trip", text: "you, Ana and 3 others", lends: true },
      result: "you, Ana and 3 others",
    });
    for (const p of people) expect(await checkPhotoAccess(viewerOf(p), [id!])).toEqual(new Set([id]));
    expect(await checkPhotoAccess(viewerOf(outsider), [id!])).toEqual(new Set());

    // The photo's own grant adds the outsider: both count, and the summary says the union.
    await addViewers(viewerOf(owner), photo(id!), [outsider.handle]);
    const both = await describeAccess(viewerOf(owner), photo(id!));
    expect(both).toMatchObject({
      own: `you and ${outsider.displayName}`,
      summary: `Visible to: you, ${outsider.displayName} and 4 others`,
    });
    expect(await checkPhotoAccess(viewerOf(outsider), [id!])).toEqual(new Set([id]));

    // Removing Ana from the album takes her access to the photo (she had it only through the
    // album), and the photo's media URLs change with it.
    await removeViewer(viewerOf(owner), album(trip), people[0]!.handle);
    expect(await checkPhotoAccess(viewerOf(people[0]!), [id!])).toEqual(new Set());
    expect(await checkPhotoAccess(viewerOf(outsider), [id!])).toEqual(new Set([id]));
    expect(await photoRow(pool, id!)).toMatchObject({ access_version: 2 });
    expect(await albumVersion(trip)).toBe(2);
  });

  it("says everyone for a public album, and only the photo's own setting for its photos", async () => {
    const { owner } = await scene([]);
    const trip = await addAlbum(pool, owner.id, { title: "Trip", visibility: "PUBLIC" });
    const [id] = await addPhotos(pool, owner.id, trip, [{ visibility: "PRIVATE" }]);
    expect(await describeAccess(viewerOf(owner), album(trip))).toMatchObject({
      visibility: "PUBLIC",
      summary: "Visible to: everyone",
      album: null,
    });
    expect(await describeAccess(viewerOf(owner), photo(id!))).toMatchObject({
      summary: "Visible to: only you",
      own: "only you",
      result: "only you",
    });
    expect(await checkPhotoAccess(null, [id!])).toEqual(new Set());
  });

  it("says only you for a photo hidden by a moderator", async () => {
    const { owner } = await scene([]);
    const [id] = await addPhotos(pool, owner.id, owner.defaultAlbumId, [{ visibility: "PUBLIC" }]);
    await pool.query("UPDATE photos SET hidden_at = now() WHERE id = $1", [id]);
    expect((await describeAccess(viewerOf(owner), photo(id!))).summary).toBe(
      "Visible to: only you (hidden by a moderator)",
    );
  });
});

describe("setVisibility", () => {
  it("narrowing an album bumps it and the photos it lent access to; widening bumps nothing", async () => {
    const owner = await newUser(pool);
    const friend = await newUser(pool);
    const trip = await addAlbum(pool, owner.id, { visibility: "SHARED", sharedWith: [friend.id] });
    const [priv, pub] = await addPhotos(pool, owner.id, trip, [
      { visibility: "PRIVATE" },
      { visibility: "PUBLIC" },
    ]);
    expect(await checkPhotoAccess(viewerOf(friend), [priv!, pub!])).toEqual(new Set([priv, pub]));

    await setVisibility(viewerOf(owner), album(trip), "PRIVATE");
    expect(await albumVersion(trip)).toBe(2);
    expect(await photoRow(pool, priv!)).toMatchObject({ access_version: 2 });
    expect(await photoRow(pool, pub!)).toMatchObject({ access_version: 1 });
    expect(await checkPhotoAccess(viewerOf(friend), [priv!, pub!])).toEqual(new Set([pub]));
    // Private removed the album's named viewers: sharing it again does not bring the friend back.
    await setVisibility(viewerOf(owner), album(trip), "SHARED");
    expect(await checkPhotoAccess(viewerOf(friend), [priv!])).toEqual(new Set());

    await setVisibility(viewerOf(owner), photo(priv!), "PUBLIC");
    expect(await albumVersion(trip)).toBe(2);
    expect(await photoRow(pool, priv!)).toMatchObject({ visibility: "PUBLIC", access_version: 2 });
    await setVisibility(viewerOf(owner), photo(priv!), "SHARED");
    expect(await photoRow(pool, priv!)).toMatchObject({ visibility: "SHARED", access_version: 3 });
  });
});

describe("sharePhotos", () => {
  it("shares the owner's selection: private ones become shared, public ones stay public", async () => {
    const [owner, stranger, ana, ben] = await Promise.all([
      newUser(pool),
      newUser(pool),
      newUser(pool),
      newUser(pool),
    ]);
    const [priv, pub, shared] = await addPhotos(pool, owner.id, owner.defaultAlbumId, [
      { visibility: "PRIVATE" },
      { visibility: "PUBLIC" },
      { visibility: "SHARED" },
    ]);
    const [theirs] = await addPhotos(pool, stranger.id, stranger.defaultAlbumId, [{ visibility: "PRIVATE" }]);
    const result = await sharePhotos(
      viewerOf(owner),
      [priv!, pub!, shared!, theirs!, "junk"],
      [ana.handle, ben.email, "no-such-person-here"],
    );
    expect(result).toMatchObject({
      found: 3,
      madeShared: 1,
      stayedPublic: 1,
      unknown: ["no-such-person-here"],
    });
    expect(result.people.map((p) => p.handle)).toEqual([ana.handle, ben.handle]);
    expect(await photoRow(pool, priv!)).toMatchObject({ visibility: "SHARED", access_version: 1 });
    expect(await photoRow(pool, pub!)).toMatchObject({ visibility: "PUBLIC", access_version: 1 });
    expect(await checkPhotoAccess(viewerOf(ben), [priv!, pub!, shared!, theirs!])).toEqual(
      new Set([priv, pub, shared]),
    );
    expect(await listViewers(viewerOf(owner), photo(pub!))).toHaveLength(2);
    // The stranger's photo got no grants and stayed private.
    expect(await photoRow(pool, theirs!)).toMatchObject({ visibility: "PRIVATE" });
    const { rows } = await pool.query("SELECT 1 FROM access_grants WHERE photo_id = $1", [theirs]);
    expect(rows).toHaveLength(0);
  });
});
