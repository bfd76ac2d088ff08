// The share-link actions as an attacker would call them: no session, someone else's ids, bad input.
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { testDatabaseUrl } from "../../../../test/support/db";
import { addAlbum, addPhotos, newUser, openPool } from "../../data/albums/album-fixtures";

process.env.DATABASE_URL = testDatabaseUrl();

// Who is calling: set per test. The actions read it only through getCurrentUser().
const caller = vi.hoisted(() => ({ current: null as null | { id: string; handle: string } }));
vi.mock("@/server/auth/current-user", () => ({
  getCurrentUser: async () =>
    caller.current && {
      ...caller.current,
      email: `${caller.current.handle}@example.test`,
      displayName: "Caller",
      role: "USER",
      sessionId: crypto.randomUUID(),
    },
}));

const { createShareLinkAction } = await import("./create-share-link");
const { listShareLinksAction } = await import("./list-share-links");
const { revokeShareLinkAction } = await import("./revoke-share-link");

const pool = openPool(testDatabaseUrl());
afterAll(() => pool.end());
beforeEach(() => {
  caller.current = null;
});

async function linkCount(ownerId: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM share_links WHERE created_by_id = $1 AND revoked_at IS NULL",
    [ownerId],
  );
  return rows[0]!.n;
}

describe("share-link actions", () => {
  it("refuse callers without a session and anyone but the owner, saying only 'not found'", async () => {
    const [owner, stranger] = await Promise.all([newUser(pool), newUser(pool)]);
    const album = await addAlbum(pool, owner.id, { visibility: "PUBLIC" });
    const [photo] = await addPhotos(pool, owner.id, album, [{ visibility: "PUBLIC" }]);

    caller.current = owner;
    const made = await createShareLinkAction({ target: { photoId: photo }, expiresIn: "7d", password: "" });
    if (!made.ok) throw new Error(made.error);
    expect(made.link).toMatchObject({ hasPassword: false });

    caller.current = null;
    for (const result of [
      await createShareLinkAction({ target: { photoId: photo }, expiresIn: "never", password: "" }),
      await listShareLinksAction({ photoId: photo }),
      await revokeShareLinkAction({ linkId: made.link.id }),
    ]) {
      expect(result).toEqual({ ok: false, error: "Your session has ended. Sign in again." });
    }

    caller.current = stranger;
    for (const result of [
      await createShareLinkAction({ target: { photoId: photo }, expiresIn: "never", password: "" }),
      await createShareLinkAction({ target: { albumId: album }, expiresIn: "never", password: "" }),
      await listShareLinksAction({ photoId: photo }),
      await listShareLinksAction({ albumId: album }),
      await revokeShareLinkAction({ linkId: made.link.id }),
    ]) {
      expect(result.ok).toBe(false);
      expect(result.ok ? "" : result.error).toMatch(/^No such (photo|album|link)$/);
    }
    expect(await linkCount(owner.id)).toBe(1);
    expect(await linkCount(stranger.id)).toBe(0);

    caller.current = owner;
    expect(await revokeShareLinkAction({ linkId: made.link.id })).toEqual({ ok: true });
    expect(await linkCount(owner.id)).toBe(0);
  });

  it("parse their input: one target, a known expiry, a password of a sensible length", async () => {
    const owner = await newUser(pool);
    const [photo] = await addPhotos(pool, owner.id, owner.defaultAlbumId, 1);
    caller.current = owner;
    for (const input of [
      null,
      { target: { photoId: photo, albumId: owner.defaultAlbumId }, expiresIn: "never", password: "" },
      { target: { photoId: "../etc" }, expiresIn: "never", password: "" },
      { target: { photoId: photo }, expiresIn: "forever", password: "" },
    ]) {
      expect((await createShareLinkAction(input)).ok).toBe(false);
    }
    expect(
      await createShareLinkAction({ target: { photoId: photo }, expiresIn: "never", password: "short" }),
    ).toMatchObject({ ok: false, field: "password" });
    expect(await linkCount(owner.id)).toBe(0);

    const made = await createShareLinkAction({
      target: { photoId: photo },
      expiresIn: "1d",
      password: "long enough",
    });
    expect(made).toMatchObject({ ok: true, link: { hasPassword: true } });
    const listed = await listShareLinksAction({ photoId: photo });
    expect(listed.ok && listed.links.map((l) => l.id)).toEqual([made.ok && made.link.id]);
  });
});
