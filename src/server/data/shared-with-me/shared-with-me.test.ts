// "Shared with me" and its notification: what others named the viewer on, newest first.
import { afterAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../../../test/support/db";
import { addAlbum, addPhotos, newUser, openPool, viewerOf } from "../albums/album-fixtures";

process.env.DATABASE_URL = testDatabaseUrl();
const { addViewers } = await import("../access/add-viewers");
const { sharePhotos } = await import("../access/share-photos");
const { setVisibility } = await import("../access/set-visibility");
const { listSharedWithMe } = await import("./list-shared-with-me");
const { listNotifications } = await import("../notifications/list-notifications");
const { describeNotification } = await import("@/components/notifications/describe-notification");

const pool = openPool(testDatabaseUrl());
afterAll(() => pool.end());

describe("shared with me", () => {
  it("lists photos and albums others shared with me, newest first, and tells me once each", async () => {
    const [ana, tom, stranger] = await Promise.all([newUser(pool), newUser(pool), newUser(pool)]);
    const [beach, tram] = await addPhotos(pool, ana.id, ana.defaultAlbumId, [
      { visibility: "PRIVATE", title: "Beach" },
      { visibility: "PRIVATE", title: "Tram" },
    ]);
    const trip = await addAlbum(pool, ana.id, { title: "Trip" });
    await addViewers(viewerOf(ana), { kind: "photo", id: beach! }, [tom.handle], "http://pinhole.test");
    await addViewers(viewerOf(ana), { kind: "album", id: trip }, [tom.handle], "http://pinhole.test");
    await sharePhotos(viewerOf(ana), [tram!, beach!], [tom.handle], "http://pinhole.test");

    const items = await listSharedWithMe(viewerOf(tom));
    expect(items.map((i) => [i.kind, i.title])).toEqual([
      ["photo", "Tram"],
      ["album", "Trip"],
      ["photo", "Beach"],
    ]);
    expect(items[0]).toMatchObject({ owner: { handle: ana.handle } });
    expect(await listSharedWithMe(viewerOf(stranger))).toEqual([]);

    // One notification per new grant: Beach was shared once, not twice.
    const told = (await listNotifications(viewerOf(tom))).filter((n) => n.type === "SHARE");
    expect(told.map(describeNotification).sort()).toEqual(
      [
        `${ana.displayName} shared “Beach” with you`,
        `${ana.displayName} shared “Tram” with you`,
        `${ana.displayName} shared the album “Trip” with you`,
      ].sort(),
    );

    // Made private: gone from the list (its grant removed), never back by itself.
    await setVisibility(viewerOf(ana), { kind: "photo", id: tram! }, "PRIVATE");
    await setVisibility(viewerOf(ana), { kind: "photo", id: tram! }, "SHARED");
    expect((await listSharedWithMe(viewerOf(tom))).map((i) => i.title)).toEqual(["Trip", "Beach"]);
  });
});
