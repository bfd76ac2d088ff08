// Share links: who may make, list and revoke them, what a token resolves to, what a link opens, and
// the password and unlock-cookie rules. Each test seeds its own users, albums and photos.
import { afterAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../../../test/support/db";
import { addAlbum, addPhotos, newUser, openPool, viewerOf } from "../albums/album-fixtures";

process.env.DATABASE_URL = testDatabaseUrl();
process.env.AUTH_SECRET ??= "test-secret-for-share-link-unlock-cookies";
const { createShareLink } = await import("./create-share-link");
const { listShareLinks } = await import("./list-share-links");
const { revokeShareLink } = await import("./revoke-share-link");
const { resolveShareLink } = await import("./resolve-share-link");
const { unlockShareLink } = await import("./unlock-share-link");
const { getSharedPhoto } = await import("./get-shared-photo");
const { getSharedAlbum } = await import("./get-shared-album");
const { listSharedAlbumPhotos } = await import("./list-shared-album-photos");
const { recordShareLinkUse } = await import("./record-share-link-use");
const { checkPhotoAccessViaLink, isShareLinkUnlocked, shareUnlockProof } =
  await import("@/server/policy/share-links");
const { rateLimits, rateLimitKeys } = await import("@/server/cache/rate-limits");
const { env } = await import("@/env");

const pool = openPool(testDatabaseUrl());
afterAll(() => pool.end());

const never = { expiresInDays: null, password: null } as const;

/** Headers as a request from `ip` would carry them. */
function from(ip: string): Headers {
  return new Headers({ "x-forwarded-for": ip });
}

function randomIp(): string {
  const b = crypto.getRandomValues(new Uint8Array(3));
  return `10.${b[0]}.${b[1]}.${b[2]}`;
}

describe("tokens", () => {
  it("hands out 32 base64url characters (192 random bits), different every time", async () => {
    const owner = await newUser(pool);
    const [photo] = await addPhotos(pool, owner.id, owner.defaultAlbumId, [{ visibility: "PRIVATE" }]);
    const links = await Promise.all(
      Array.from({ length: 20 }, () =>
        createShareLink(viewerOf(owner), { target: { photoId: photo! }, ...never }),
      ),
    );
    const tokens = links.map((l) => l.token);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
    // Not a counter or a timestamp: the tokens share no common prefix.
    const firstChars = new Set(tokens.map((t) => t.slice(0, 2)));
    expect(firstChars.size).toBeGreaterThan(15);
  });

  it("resolves only a live token; malformed, unknown, revoked and expired ones are not_found", async () => {
    const owner = await newUser(pool);
    const [photo] = await addPhotos(pool, owner.id, owner.defaultAlbumId, [{ visibility: "PRIVATE" }]);
    const link = await createShareLink(viewerOf(owner), { target: { photoId: photo! }, ...never });
    await expect(resolveShareLink(link.token)).resolves.toMatchObject({ id: link.id, photoId: photo });

    const wrongCase = link.token.replace(/[a-z]/, (c) => c.toUpperCase());
    for (const bad of [
      "",
      "x",
      link.token.slice(0, 31),
      `${link.token}A`,
      `${link.token.slice(0, 31)}=`,
      "' OR 1=1 --'''''''''''''''''''''",
      "A".repeat(32),
      ...(wrongCase !== link.token ? [wrongCase] : []),
    ]) {
      await expect(resolveShareLink(bad)).rejects.toMatchObject({ code: "not_found" });
    }

    const expired = await createShareLink(viewerOf(owner), { target: { photoId: photo! }, ...never });
    await pool.query("UPDATE share_links SET expires_at = now() - interval '1 second' WHERE id = $1", [
      expired.id,
    ]);
    await expect(resolveShareLink(expired.token)).rejects.toMatchObject({ code: "not_found" });

    const dated = await createShareLink(viewerOf(owner), {
      target: { photoId: photo! },
      expiresInDays: 7,
      password: null,
    });
    const days = (Date.parse(dated.expiresAt!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    await expect(resolveShareLink(dated.token)).resolves.toMatchObject({ id: dated.id });

    await revokeShareLink(viewerOf(owner), link.id);
    await expect(resolveShareLink(link.token)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("owner only", () => {
  it("lets nobody but the owner create, list or revoke links: not_found for everyone else", async () => {
    const [owner, other] = await Promise.all([newUser(pool), newUser(pool)]);
    const album = await addAlbum(pool, owner.id, { visibility: "PUBLIC" });
    // Public photo and public album: being able to see them is not owning them.
    const [photo] = await addPhotos(pool, owner.id, album, [{ visibility: "PUBLIC" }]);
    const link = await createShareLink(viewerOf(owner), { target: { photoId: photo! }, ...never });

    for (const target of [{ photoId: photo! }, { albumId: album }]) {
      await expect(createShareLink(viewerOf(other), { target, ...never })).rejects.toMatchObject({
        code: "not_found",
      });
      await expect(listShareLinks(viewerOf(other), target)).rejects.toMatchObject({ code: "not_found" });
    }
    for (const target of [{ photoId: "nope" }, { albumId: crypto.randomUUID() }]) {
      await expect(createShareLink(viewerOf(owner), { target, ...never })).rejects.toMatchObject({
        code: "not_found",
      });
    }
    await expect(revokeShareLink(viewerOf(other), link.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeShareLink(viewerOf(owner), "not-a-uuid")).rejects.toMatchObject({ code: "not_found" });
    await expect(resolveShareLink(link.token)).resolves.toMatchObject({ id: link.id });

    const { rows } = await pool.query("SELECT count(*)::int AS n FROM share_links WHERE created_by_id = $1", [
      other.id,
    ]);
    expect(rows[0].n).toBe(0);
  });

  it("lists the owner's live and expired links for that object only, newest first, without the hash", async () => {
    const owner = await newUser(pool);
    const [a, b] = await addPhotos(pool, owner.id, owner.defaultAlbumId, 2);
    const first = await createShareLink(viewerOf(owner), { target: { photoId: a! }, ...never });
    const second = await createShareLink(viewerOf(owner), {
      target: { photoId: a! },
      expiresInDays: 1,
      password: "open sesame",
    });
    const revoked = await createShareLink(viewerOf(owner), { target: { photoId: a! }, ...never });
    await createShareLink(viewerOf(owner), { target: { photoId: b! }, ...never });
    await revokeShareLink(viewerOf(owner), revoked.id);

    const links = await listShareLinks(viewerOf(owner), { photoId: a! });
    expect(links.map((l) => l.id)).toEqual([second.id, first.id]);
    expect(links[0]).toMatchObject({ hasPassword: true, lastUsedAt: null });
    expect(links[1]).toMatchObject({ hasPassword: false, expiresAt: null });
    expect(JSON.stringify(links)).not.toContain("argon2");
    // A second revoke of the same link is refused: nothing to turn off.
    await expect(revokeShareLink(viewerOf(owner), revoked.id)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("what a link opens", () => {
  it("a photo link opens exactly its photo", async () => {
    const owner = await newUser(pool);
    const album = await addAlbum(pool, owner.id);
    const [linked, sibling] = await addPhotos(pool, owner.id, album, [
      { visibility: "PRIVATE" },
      { visibility: "PRIVATE" },
    ]);
    const [elsewhere] = await addPhotos(pool, owner.id, owner.defaultAlbumId, [{ visibility: "PUBLIC" }]);
    const created = await createShareLink(viewerOf(owner), { target: { photoId: linked! }, ...never });
    const link = await resolveShareLink(created.token);

    expect(await checkPhotoAccessViaLink(link, [linked!, sibling!, elsewhere!, "junk"])).toEqual(
      new Set([linked]),
    );
    expect(await getSharedPhoto(link, sibling!)).toBeNull();
    expect(await getSharedAlbum(link)).toBeNull();
    expect(await listSharedAlbumPhotos(link, null)).toEqual({ photos: [], nextCursor: null });

    await pool.query("UPDATE photos SET width = 640, height = 480 WHERE id = $1", [linked]);
    const photo = await getSharedPhoto(link, linked!);
    expect(photo?.id).toBe(linked);
    expect(photo?.mediaBase).toMatch(new RegExp(`^/media/${linked}/[0-9a-f]{16}\\?s=${created.token}$`));
    // Nothing of the owner's own: no email, storage key, file name or location.
    expect(Object.keys(photo!).sort()).toEqual(
      [
        "id",
        "title",
        "description",
        "tags",
        "alt",
        "width",
        "height",
        "mediaBase",
        "placeholder",
        "createdAt",
        "takenAt",
        "exif",
        "ownerName",
      ].sort(),
    );
    expect(JSON.stringify(photo)).not.toContain(owner.email);
  });

  it("an album link opens the album's ready, visible photos, and nothing outside it", async () => {
    const owner = await newUser(pool);
    const [album, otherAlbum] = await Promise.all([
      addAlbum(pool, owner.id, { title: "Shared trip" }),
      addAlbum(pool, owner.id, { title: "Other trip" }),
    ]);
    const [shown, alsoShown, processing, hidden, deleted] = await addPhotos(pool, owner.id, album, [
      { visibility: "PRIVATE" },
      { visibility: "SHARED" },
      { status: "PROCESSING" },
      { visibility: "PRIVATE" },
      { visibility: "PRIVATE" },
    ]);
    await pool.query("UPDATE photos SET hidden_at = now() WHERE id = $1", [hidden]);
    await pool.query("UPDATE photos SET deleted_at = now() WHERE id = $1", [deleted]);
    const [inOtherAlbum] = await addPhotos(pool, owner.id, otherAlbum, 1);
    const [inStream] = await addPhotos(pool, owner.id, owner.defaultAlbumId, [{ visibility: "PUBLIC" }]);
    const stranger = await newUser(pool);
    const strangerAlbum = await addAlbum(pool, stranger.id);
    const [strangers] = await addPhotos(pool, stranger.id, strangerAlbum, 1);

    const created = await createShareLink(viewerOf(owner), { target: { albumId: album }, ...never });
    const link = await resolveShareLink(created.token);
    const everything = [shown, alsoShown, processing, hidden, deleted, inOtherAlbum, inStream, strangers];
    expect(await checkPhotoAccessViaLink(link, everything as string[])).toEqual(new Set([shown, alsoShown]));

    expect(await getSharedAlbum(link)).toMatchObject({ title: "Shared trip", photoCount: 2 });
    const page = await listSharedAlbumPhotos(link, null);
    expect(page.photos.map((p) => p.id)).toEqual([shown, alsoShown]);
    expect(page.photos[0]?.mediaBase).toContain(`?s=${created.token}`);
    expect(await getSharedPhoto(link, inOtherAlbum!)).toBeNull();
    expect(await getSharedPhoto(link, inStream!)).toBeNull();

    // Moving a photo out of the album takes it out of the link's reach at once.
    await pool.query("UPDATE photos SET album_id = $1 WHERE id = $2", [otherAlbum, alsoShown]);
    expect(await checkPhotoAccessViaLink(link, [shown!, alsoShown!])).toEqual(new Set([shown]));
  });

  it("notes the link's last use at most once a minute", async () => {
    const owner = await newUser(pool);
    const [photo] = await addPhotos(pool, owner.id, owner.defaultAlbumId, 1);
    const created = await createShareLink(viewerOf(owner), { target: { photoId: photo! }, ...never });
    await recordShareLinkUse(created);
    const [first] = await listShareLinks(viewerOf(owner), { photoId: photo! });
    expect(first?.lastUsedAt).not.toBeNull();
    await recordShareLinkUse(created);
    const [second] = await listShareLinks(viewerOf(owner), { photoId: photo! });
    expect(second?.lastUsedAt).toBe(first?.lastUsedAt);
  });
});

describe("password links", () => {
  it("stores an argon2id hash, and opens only with the right password", async () => {
    const owner = await newUser(pool);
    const [photo] = await addPhotos(pool, owner.id, owner.defaultAlbumId, [{ visibility: "PRIVATE" }]);
    const created = await createShareLink(viewerOf(owner), {
      target: { photoId: photo! },
      expiresInDays: null,
      password: "correct horse",
    });
    const { rows } = await pool.query<{ password_hash: string }>(
      "SELECT password_hash FROM share_links WHERE id = $1",
      [created.id],
    );
    expect(rows[0]?.password_hash).toMatch(/^\$argon2id\$/);

    const ip = randomIp();
    expect(await unlockShareLink(created.token, "wrong horse", from(ip))).toEqual({
      ok: false,
      reason: "invalid",
    });
    const right = await unlockShareLink(created.token, "correct horse", from(ip));
    expect(right.ok).toBe(true);
    if (!right.ok || !right.cookie) throw new Error("expected an unlock cookie");
    expect(right.cookie.name).toBe(`pinhole-share-${created.id}`);
    expect(right.cookie.maxAgeS).toBeGreaterThan(0);

    const link = await resolveShareLink(created.token);
    expect(isShareLinkUnlocked(link, undefined)).toBe(false);
    expect(isShareLinkUnlocked(link, "forged")).toBe(false);
    expect(isShareLinkUnlocked(link, right.cookie.value)).toBe(true);
    expect(await unlockShareLink("A".repeat(32), "correct horse", from(ip))).toMatchObject({
      reason: "not_found",
    });
  });

  it("one link's cookie opens no other link, and a revoked or re-created link voids it", async () => {
    const owner = await newUser(pool);
    const [photo] = await addPhotos(pool, owner.id, owner.defaultAlbumId, [{ visibility: "PRIVATE" }]);
    const make = () =>
      createShareLink(viewerOf(owner), {
        target: { photoId: photo! },
        expiresInDays: null,
        password: "same pw",
      });
    const [one, two] = [await make(), await make()];
    const ip = randomIp();
    const unlocked = await unlockShareLink(one.token, "same pw", from(ip));
    if (!unlocked.ok || !unlocked.cookie) throw new Error("expected an unlock cookie");

    const linkTwo = await resolveShareLink(two.token);
    // Same photo, same password: still a different link, still locked.
    expect(isShareLinkUnlocked(linkTwo, unlocked.cookie.value)).toBe(false);
    expect(unlocked.cookie.name).not.toBe(`pinhole-share-${two.id}`);

    // The proof depends on this link's password hash: a new hash (same password) voids it.
    const linkOne = await resolveShareLink(one.token);
    expect(
      isShareLinkUnlocked({ ...linkOne, passwordHash: linkTwo.passwordHash }, unlocked.cookie.value),
    ).toBe(false);
    expect(shareUnlockProof({ token: one.token, passwordHash: null })).toBeNull();

    await revokeShareLink(viewerOf(owner), one.id);
    expect(await unlockShareLink(one.token, "same pw", from(ip))).toMatchObject({ reason: "not_found" });
  });

  it("limits wrong guesses per (link, address) and per address, counting failures only", async () => {
    const owner = await newUser(pool);
    const [photo] = await addPhotos(pool, owner.id, owner.defaultAlbumId, 1);
    const created = await createShareLink(viewerOf(owner), {
      target: { photoId: photo! },
      expiresInDays: null,
      password: "the real one",
    });
    // SIGNIN_MAX_ATTEMPTS wrong guesses from one address lock the link for that address only...
    const guesser = randomIp();
    for (let i = 0; i < env().SIGNIN_MAX_ATTEMPTS; i++) {
      expect(await unlockShareLink(created.token, `guess ${i}`, from(guesser))).toMatchObject({
        reason: "invalid",
      });
    }
    const blocked = await unlockShareLink(created.token, "the real one", from(guesser));
    expect(blocked).toMatchObject({ ok: false, reason: "rate_limited" });
    expect((blocked as { retryAfterS: number }).retryAfterS).toBeGreaterThan(0);
    expect((await unlockShareLink(created.token, "the real one", from(randomIp()))).ok).toBe(true);

    // ...and the per-address limit spans links: an address guessing across many links is stopped.
    const ip = randomIp();
    await rateLimits().unlockAddress.penalty(
      rateLimitKeys.address(ip),
      env().SIGNIN_MAX_ATTEMPTS_PER_ADDRESS,
    );
    expect(await unlockShareLink(created.token, "the real one", from(ip))).toMatchObject({
      reason: "rate_limited",
    });
    expect((await unlockShareLink(created.token, "the real one", from(randomIp()))).ok).toBe(true);
  });
});
