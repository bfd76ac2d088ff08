import { afterAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../../../test/support/db";
import { addPhotos, newUser, openPool, viewerOf } from "../albums/album-fixtures";

process.env.DATABASE_URL = testDatabaseUrl();
const { addComment } = await import("../comments/add-comment");
const { setFavorite } = await import("../favorites/set-favorite");
const { listNotifications } = await import("./list-notifications");
const { markNotificationsRead } = await import("./mark-read");
const { countUnread, notificationChannel } = await import("./notification-channel");
const { notify } = await import("./create-notification");
const { pubsub } = await import("@/server/cache/pubsub");

const pool = openPool(testDatabaseUrl());
afterAll(() => pool.end());

describe("notifications", () => {
  it("a comment notifies the owner, a later comment notifies earlier commenters, a favorite the owner", async () => {
    const [owner, a, b] = await Promise.all([newUser(pool), newUser(pool), newUser(pool)]);
    const [photo] = await addPhotos(pool, owner.id, owner.defaultAlbumId, [{ title: "Harbour" }]);
    await addComment(viewerOf(a), { photoId: photo!, body: "lovely" });
    await addComment(viewerOf(owner), { photoId: photo!, body: "thanks" });
    await addComment(viewerOf(b), { photoId: photo!, body: "agreed" });
    await setFavorite(viewerOf(b), photo!, true);
    // Un-favoriting and favoriting again notifies nobody a second time; one's own favorite, never.
    await setFavorite(viewerOf(b), photo!, false);
    await setFavorite(viewerOf(b), photo!, true);
    await setFavorite(viewerOf(owner), photo!, true);

    const forOwner = await listNotifications(viewerOf(owner));
    expect(forOwner.map((n) => [n.type, n.actor?.handle]).sort()).toEqual(
      [
        ["COMMENT", a.handle],
        ["COMMENT", b.handle],
        ["FAVORITE", b.handle],
      ].sort(),
    );
    const forA = await listNotifications(viewerOf(a));
    expect(forA.map((n) => [n.type, n.actor?.handle, n.photo?.title, n.comment]).sort()).toEqual(
      [
        ["REPLY", b.handle, "Harbour", "agreed"],
        ["REPLY", owner.handle, "Harbour", "thanks"],
      ].sort(),
    );
    expect(await listNotifications(viewerOf(b))).toEqual([]);
  });

  it("shows nothing of a photo the recipient can no longer see", async () => {
    const [owner, a] = await Promise.all([newUser(pool), newUser(pool)]);
    const [photo] = await addPhotos(pool, owner.id, owner.defaultAlbumId, [{ title: "Secret title" }]);
    await addComment(viewerOf(a), { photoId: photo!, body: "nice" });
    await addComment(viewerOf(owner), { photoId: photo!, body: "private reply text" });
    await pool.query("UPDATE photos SET visibility = 'PRIVATE' WHERE id = $1", [photo]);
    const [n] = await listNotifications(viewerOf(a));
    expect(n).toMatchObject({ type: "REPLY", photo: null, comment: null });
    expect(JSON.stringify(n)).not.toMatch(/Secret title|private reply text/);
    // And new activity on it no longer reaches them at all.
    await addComment(viewerOf(owner), { photoId: photo!, body: "another private note" });
    expect(await listNotifications(viewerOf(a))).toHaveLength(1);
  });

  it("marks one or all read, only the viewer's own, and publishes the unread count", async () => {
    const [owner, a, stranger] = await Promise.all([newUser(pool), newUser(pool), newUser(pool)]);
    const [photo] = await addPhotos(pool, owner.id, owner.defaultAlbumId, 1);
    const heard: string[] = [];
    const off = pubsub().subscribe(notificationChannel(owner.id), (m) => heard.push(m));
    await notify(
      { recipientId: owner.id, type: "FAVORITE", actorId: a.id, photoId: photo! },
      { recipientId: owner.id, type: "FOLLOW", actorId: a.id },
      { recipientId: owner.id, type: "FOLLOW", actorId: owner.id },
    );
    expect(await countUnread(owner.id)).toBe(2);
    // Through Redis (REDIS_URL) the count arrives a moment after the publish: wait for it.
    await expect.poll(() => heard.at(-1)).toBe("2");
    const [first] = await listNotifications(viewerOf(owner));
    expect(await markNotificationsRead(viewerOf(stranger), { ids: [first!.id] })).toBe(0);
    expect(await markNotificationsRead(viewerOf(owner), { ids: [first!.id] })).toBe(1);
    await expect.poll(() => heard.at(-1)).toBe("1");
    expect(await markNotificationsRead(viewerOf(owner), "all")).toBe(1);
    await expect.poll(() => heard.at(-1)).toBe("0");
    off();
  });
});
