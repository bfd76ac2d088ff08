// The access editor's actions as an attacker would call them (no session, someone else's ids,
// malformed input) and as the owner does.
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { testDatabaseUrl } from "../../../../test/support/db";
import { addAlbum, addPhotos, newUser, openPool, photoRow } from "../../data/albums/album-fixtures";

process.env.DATABASE_URL = testDatabaseUrl();
// Invitation mails carry links to the site: outside a request, its configured address.
process.env.AUTH_URL = "http://pinhole.test";

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
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { setVisibilityAction } = await import("./set-visibility");
const { addViewersAction } = await import("./add-viewers");
const { removeViewerAction } = await import("./remove-viewer");
const { sharePhotosAction } = await import("./share-photos");

const pool = openPool(testDatabaseUrl());
afterAll(() => pool.end());
beforeEach(() => {
  caller.current = null;
});

async function scene() {
  const [owner, stranger, friend] = await Promise.all([newUser(pool), newUser(pool), newUser(pool)]);
  const album = await addAlbum(pool, owner.id, {
    title: "Trip",
    visibility: "SHARED",
    sharedWith: [friend.id],
  });
  const [photo] = await addPhotos(pool, owner.id, album, [{ visibility: "PRIVATE" }]);
  return { owner, stranger, friend, album, photo: photo! };
}

function shareForm(photoIds: string[], people: string[]): FormData {
  const data = new FormData();
  for (const id of photoIds) data.append("photoIds", id);
  for (const p of people) data.append("people", p);
  return data;
}

describe("access actions", () => {
  it("refuse an anonymous caller, inside each action", async () => {
    const { photo, album, friend } = await scene();
    const target = { kind: "photo", id: photo };
    const results = [
      await setVisibilityAction({ target, visibility: "PUBLIC" }),
      await addViewersAction({ target, people: [friend.handle] }),
      await removeViewerAction({ target: { kind: "album", id: album }, handle: friend.handle }),
      await sharePhotosAction({}, shareForm([photo], [friend.handle])),
    ];
    for (const result of results) expect(result).toMatchObject({ error: expect.stringMatching(/^Sign in/) });
    expect(await photoRow(pool, photo)).toMatchObject({ visibility: "PRIVATE", access_version: 1 });
  });

  it("treat another user's photo or album as not found and change nothing", async () => {
    const { stranger, friend, photo, album } = await scene();
    caller.current = { id: stranger.id, handle: stranger.handle };
    expect(await setVisibilityAction({ target: { kind: "photo", id: photo }, visibility: "PUBLIC" })).toEqual(
      {
        ok: false,
        error: "No such photo",
      },
    );
    expect(
      await addViewersAction({ target: { kind: "photo", id: photo }, people: [stranger.email] }),
    ).toEqual({
      ok: false,
      error: "No such photo",
    });
    expect(await removeViewerAction({ target: { kind: "album", id: album }, handle: friend.handle })).toEqual(
      { ok: false, error: "No such album" },
    );
    expect(await sharePhotosAction({}, shareForm([photo], [stranger.handle]))).toEqual({
      error: "Those photos were not found.",
    });
    expect(await photoRow(pool, photo)).toMatchObject({ visibility: "PRIVATE", access_version: 1 });
    const { rows } = await pool.query(
      "SELECT user_id FROM access_grants WHERE photo_id = $1 OR album_id = $2",
      [photo, album],
    );
    expect(rows).toEqual([{ user_id: friend.id }]);
  });

  it("reject malformed input", async () => {
    const { owner, photo } = await scene();
    caller.current = { id: owner.id, handle: owner.handle };
    expect(
      await setVisibilityAction({ target: { kind: "photo", id: photo }, visibility: "EVERYONE" }),
    ).toMatchObject({
      ok: false,
      error: "Choose Public, Shared with people or Private",
    });
    expect(await addViewersAction({ target: { kind: "user", id: photo }, people: ["x"] })).toMatchObject({
      ok: false,
    });
    expect(
      await addViewersAction({ target: { kind: "photo", id: "1 OR 1=1" }, people: ["x"] }),
    ).toMatchObject({
      ok: false,
    });
    expect(await addViewersAction({ target: { kind: "photo", id: photo }, people: [] })).toMatchObject({
      ok: false,
      error: "Type a name, a handle or an email",
    });
  });

  it("do the owner's work and answer with the new state in words", async () => {
    const { owner, friend, photo } = await scene();
    const other = await newUser(pool);
    caller.current = { id: owner.id, handle: owner.handle };
    const target = { kind: "photo", id: photo };

    const added = await addViewersAction({ target, people: [other.handle, "nobody-at-all-here"] });
    expect(added).toMatchObject({
      ok: true,
      message: expect.stringContaining(`Added ${other.displayName}. No such person: nobody-at-all-here.`),
      state: {
        visibility: "SHARED",
        viewers: [{ handle: other.handle, displayName: other.displayName }],
        own: `you and ${other.displayName}`,
        album: { title: "Trip", text: `you and ${friend.displayName}` },
      },
    });
    // An address nobody has verified gets an invitation; the grant waits for whoever verifies it.
    const unknown = await addViewersAction({ target, people: ["someone@nowhere.example"] });
    expect(unknown).toMatchObject({ ok: true });
    expect(JSON.stringify(unknown)).toContain("someone@nowhere.example");

    const removed = await removeViewerAction({ target, handle: other.handle });
    expect(removed).toMatchObject({
      ok: true,
      message: expect.stringMatching(`^Removed ${other.displayName}.`),
    });
    expect(await photoRow(pool, photo)).toMatchObject({ access_version: 2 });

    const made = await setVisibilityAction({ target, visibility: "PUBLIC" });
    expect(made).toMatchObject({
      ok: true,
      message: "Public. Visible to: everyone.",
      state: { visibility: "PUBLIC" },
    });

    const shared = await sharePhotosAction({}, shareForm([photo], [friend.handle]));
    expect(shared).toEqual({
      ok: true,
      message: `Shared 1 photo with ${friend.displayName}. 1 public photo stays public: everyone can see it already.`,
    });
  });
});
