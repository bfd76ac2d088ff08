// Moderation end to end through the data functions: reports (who may, once each, rate limited), the
// admin-only queue and its decisions, and a hidden photo or comment gone from every policy entry
// point for everyone but its owner.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import type { SeededUser } from "../../../../prisma/seed/users";
import { seedUser } from "../../../../prisma/seed/users";
import { testDatabaseUrl } from "../../../../test/support/db";
import { addAlbum, addPhotos, newUser, openPool, viewerOf } from "../albums/album-fixtures";

process.env.DATABASE_URL = testDatabaseUrl();
const { db } = await import("@/server/db/client");
const { reportContent } = await import("./report-content");
const { REPORTS_PER_HOUR } = await import("@/server/cache/rate-limits");
const { listReportQueue } = await import("./list-report-queue");
const { countOpenReports } = await import("./count-open-reports");
const { hideContent } = await import("./hide-content");
const { dismissReports } = await import("./dismiss-reports");
const { setUserRole } = await import("./set-user-role");
const { unhideContent } = await import("./unhide-content");
const { listHiddenContent } = await import("./list-hidden-content");
const { mayPreviewReportedPhoto } = await import("@/server/policy/admin");
const { checkPhotoAccess, photoAccessFor } = await import("@/server/policy/photos");
const { checkPhotoAccessViaLink } = await import("@/server/policy/share-links");
const { getPhoto } = await import("../get-photo");
const { listPhotos } = await import("../list-photos");
const { searchPhotos } = await import("../search-photos");
const { listFeed } = await import("../list-feed");
const { getPerson } = await import("../get-person");
const { getAlbum } = await import("../albums/get-album");
const { listFavoritesPage } = await import("../favorites/list-favorites-page");
const listFavorites = async (viewer: Parameters<typeof listFavoritesPage>[0]) =>
  (await listFavoritesPage(viewer)).photos;
const { setFavorite } = await import("../favorites/set-favorite");
const { setFollow } = await import("../follows/set-follow");
const { addComment } = await import("../comments/add-comment");
const { deleteComment } = await import("../comments/delete-comment");
const { listComments } = await import("../comments/list-comments");
const { listNotifications } = await import("../notifications/list-notifications");
const { createShareLink } = await import("../share-links/create-share-link");
const { resolveShareLink } = await import("../share-links/resolve-share-link");

const pool = openPool(testDatabaseUrl());
afterAll(() => pool.end());

const adminOf = (user: SeededUser) => ({ id: user.id, role: "ADMIN" as const });
const newAdmin = () => seedUser(pool, { role: "ADMIN" });
const word = () => `w${randomBytes(5).toString("hex")}`;

const reportsOn = async (photoId: string) =>
  (
    await pool.query<{ status: string; resolved_by_id: string | null }>(
      "SELECT status, resolved_by_id FROM reports WHERE photo_id = $1 ORDER BY created_at",
      [photoId],
    )
  ).rows;

const photoRow = async (id: string) =>
  (
    await pool.query<{ access_version: number; hidden_reason: string | null; comment_count: number }>(
      "SELECT access_version, hidden_reason, comment_count FROM photos WHERE id = $1",
      [id],
    )
  ).rows[0]!;

const pageVersion = async (ownerId: string) =>
  Number(
    (
      await pool.query<{ version: string }>("SELECT version FROM page_versions WHERE owner_id = $1", [
        ownerId,
      ])
    ).rows[0]?.version ?? 0,
  );

const ids = (page: { photos: { id: string }[] }) => page.photos.map((p) => p.id);

describe("reports", () => {
  it("anyone signed in reports what they can see, once while it is open; never their own or what they cannot see", async () => {
    const [owner, reporter] = await Promise.all([newUser(pool), newUser(pool)]);
    const [pub, priv] = await addPhotos(pool, owner.id, owner.defaultAlbumId, [
      { visibility: "PUBLIC" },
      { visibility: "PRIVATE" },
    ]);
    const input = { reason: "spam" as const, details: "buy now" };

    await expect(
      reportContent(viewerOf(reporter), { target: { kind: "photo", id: pub! }, ...input }),
    ).resolves.toEqual({
      alreadyReported: false,
    });
    // A repeat is a friendly answer, not a second row.
    await expect(
      reportContent(viewerOf(reporter), { target: { kind: "photo", id: pub! }, ...input }),
    ).resolves.toEqual({
      alreadyReported: true,
    });
    expect(await reportsOn(pub!)).toHaveLength(1);

    // A private photo of someone else does not exist, as everywhere else.
    await expect(
      reportContent(viewerOf(reporter), { target: { kind: "photo", id: priv! }, ...input }),
    ).rejects.toMatchObject({ code: "not_found", message: "No such photo" });
    await expect(
      reportContent(viewerOf(owner), { target: { kind: "photo", id: pub! }, ...input }),
    ).rejects.toMatchObject({ code: "bad_request" });
    expect(await reportsOn(priv!)).toEqual([]);

    // Comments: on a photo the reporter can see; not one on a private photo.
    const mine = await addComment(viewerOf(owner), { photoId: pub!, body: "owner's words" });
    const secret = await addComment(viewerOf(owner), { photoId: priv!, body: "private words" });
    await expect(
      reportContent(viewerOf(reporter), {
        target: { kind: "comment", id: mine.id },
        reason: "abuse",
        details: "",
      }),
    ).resolves.toEqual({ alreadyReported: false });
    await expect(
      reportContent(viewerOf(reporter), {
        target: { kind: "comment", id: secret.id },
        reason: "abuse",
        details: "",
      }),
    ).rejects.toMatchObject({ code: "not_found", message: "No such comment" });
  });

  it("the database refuses a reason outside the set and over-long details", async () => {
    const [owner, reporter] = await Promise.all([newUser(pool), newUser(pool)]);
    const [photo] = await addPhotos(pool, owner.id, owner.defaultAlbumId, 1);
    await expect(
      pool.query("INSERT INTO reports (reporter_id, photo_id, reason) VALUES ($1, $2, 'because')", [
        reporter.id,
        photo,
      ]),
    ).rejects.toMatchObject({ constraint: "reports_reason_check" });
    await expect(
      pool.query("INSERT INTO reports (reporter_id, photo_id, reason, details) VALUES ($1, $2, 'spam', $3)", [
        reporter.id,
        photo,
        "x".repeat(1001),
      ]),
    ).rejects.toMatchObject({ constraint: "reports_details_length_check" });
    await expect(
      pool.query("INSERT INTO reports (reporter_id, reason) VALUES ($1, 'spam')", [reporter.id]),
    ).rejects.toMatchObject({ constraint: "reports_one_target_check" });
  });

  it(`limits one person to ${REPORTS_PER_HOUR} reports an hour, with a clear message`, async () => {
    const [owner, reporter] = await Promise.all([newUser(pool), newUser(pool)]);
    const photos = await addPhotos(pool, owner.id, owner.defaultAlbumId, REPORTS_PER_HOUR + 1);
    for (const id of photos.slice(0, REPORTS_PER_HOUR)) {
      await reportContent(viewerOf(reporter), { target: { kind: "photo", id }, reason: "spam", details: "" });
    }
    await expect(
      reportContent(viewerOf(reporter), {
        target: { kind: "photo", id: photos.at(-1)! },
        reason: "spam",
        details: "",
      }),
    ).rejects.toMatchObject({ code: "rate_limited", message: expect.stringMatching(/at most 20/) });
  });
});

describe("the admin queue", () => {
  it("is for admins only: everyone else is told it does not exist", async () => {
    const user = await newUser(pool);
    const target = { kind: "photo" as const, id: "00000000-0000-4000-8000-000000000000" };
    for (const viewer of [null, viewerOf(user)]) {
      await expect(listReportQueue(viewer)).rejects.toMatchObject({ code: "not_found" });
      await expect(countOpenReports(viewer)).rejects.toMatchObject({ code: "not_found" });
      await expect(hideContent(viewer, target, "spam")).rejects.toMatchObject({ code: "not_found" });
      await expect(dismissReports(viewer, target)).rejects.toMatchObject({ code: "not_found" });
    }
  });

  it("groups open reports by target with counts, reasons and reporters", async () => {
    const [owner, a, b, admin] = await Promise.all([newUser(pool), newUser(pool), newUser(pool), newAdmin()]);
    const title = word();
    const [photo] = await addPhotos(pool, owner.id, owner.defaultAlbumId, [{ title }]);
    const comment = await addComment(viewerOf(owner), { photoId: photo!, body: "rude words" });
    await reportContent(viewerOf(a), {
      target: { kind: "photo", id: photo! },
      reason: "copyright",
      details: "mine",
    });
    await reportContent(viewerOf(b), {
      target: { kind: "photo", id: photo! },
      reason: "copyright",
      details: "",
    });
    await reportContent(viewerOf(b), {
      target: { kind: "comment", id: comment.id },
      reason: "abuse",
      details: "",
    });

    const queue = await listReportQueue(adminOf(admin));
    const onPhoto = queue.find((g) => g.target.id === photo)!;
    expect(onPhoto).toMatchObject({
      target: { kind: "photo", id: photo },
      count: 2,
      reasons: [{ reason: "copyright", count: 2 }],
      owner: { handle: owner.handle },
      preview: { kind: "photo", title },
      hidden: false,
    });
    expect(onPhoto.reporters.map((r) => [r.handle, r.details])).toEqual([
      [a.handle, "mine"],
      [b.handle, ""],
    ]);
    const onComment = queue.find((g) => g.target.id === comment.id)!;
    expect(onComment).toMatchObject({ count: 1, preview: { kind: "comment", body: "rude words" } });
    // The most reported first.
    expect(queue.indexOf(onPhoto)).toBeLessThan(queue.indexOf(onComment));
    expect(await countOpenReports(adminOf(admin))).toBeGreaterThanOrEqual(3);

    // A photo its owner deleted leaves the queue and the count: nothing is left to judge.
    const before = await countOpenReports(adminOf(admin));
    await pool.query("UPDATE photos SET deleted_at = now() WHERE id = $1", [photo]);
    expect((await listReportQueue(adminOf(admin))).some((g) => g.target.id === photo)).toBe(false);
    expect(await countOpenReports(adminOf(admin))).toBe(before - 2);
  });

  it("dismissing closes the reports and leaves the photo as it was; it may be reported again", async () => {
    const [owner, reporter, admin] = await Promise.all([newUser(pool), newUser(pool), newAdmin()]);
    const [photo] = await addPhotos(pool, owner.id, owner.defaultAlbumId, 1);
    await reportContent(viewerOf(reporter), {
      target: { kind: "photo", id: photo! },
      reason: "other",
      details: "",
    });
    const before = await photoRow(photo!);

    expect(await dismissReports(adminOf(admin), { kind: "photo", id: photo! })).toBe(1);
    expect(await reportsOn(photo!)).toEqual([{ status: "DISMISSED", resolved_by_id: admin.id }]);
    expect(await photoRow(photo!)).toEqual(before);
    expect(await checkPhotoAccess(null, [photo!])).toEqual(new Set([photo]));
    expect((await listReportQueue(adminOf(admin))).some((g) => g.target.id === photo)).toBe(false);
    await expect(dismissReports(adminOf(admin), { kind: "photo", id: photo! })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(
      reportContent(viewerOf(reporter), {
        target: { kind: "photo", id: photo! },
        reason: "other",
        details: "",
      }),
    ).resolves.toEqual({ alreadyReported: false });
  });
});

describe("a hidden photo", () => {
  it("is gone for everyone but its owner, at every policy entry point, and the owner is told", async () => {
    const [owner, reporter, follower, admin] = await Promise.all([
      newUser(pool),
      newUser(pool),
      newUser(pool),
      newAdmin(),
    ]);
    const tag = word();
    const title = word();
    const albumId = await addAlbum(pool, owner.id, { visibility: "PUBLIC" });
    const [photo] = await addPhotos(pool, owner.id, albumId, [{ title, visibility: "PUBLIC" }]);
    await pool.query("UPDATE photos SET tags = ARRAY[$2] WHERE id = $1", [photo, tag]);
    await setFollow(viewerOf(follower), owner.handle, true);
    await setFavorite(viewerOf(follower), photo!, true);
    const link = await createShareLink(viewerOf(owner), {
      target: { photoId: photo! },
      expiresInDays: null,
      password: null,
    });
    const grant = await resolveShareLink(link.token);
    await reportContent(viewerOf(reporter), {
      target: { kind: "photo", id: photo! },
      reason: "abuse",
      details: "",
    });

    // Where each viewer finds the photo, through every policy entry point with a scope of its own.
    type Who = Parameters<typeof getPhoto>[0];
    const seenBy = async (viewer: Who) => ({
      page: (await getPhoto(viewer, photo!)) !== null,
      check: (await checkPhotoAccess(viewer, [photo!])).has(photo!),
      stream: ids(await listPhotos(viewer, { kind: "stream", ownerId: owner.id })).includes(photo!),
      album: ids(await listPhotos(viewer, { kind: "album", albumId })).includes(photo!),
      tag: ids(await listPhotos(viewer, { kind: "tag", tag })).includes(photo!),
      search: ids(await searchPhotos(viewer, { q: title })).includes(photo!),
      albumCount: (await getAlbum(viewer, albumId))?.photoCount === 1,
      person: JSON.stringify(await getPerson(viewer, owner.handle)).includes(photo!),
    });
    const everywhere = {
      page: true,
      check: true,
      stream: true,
      album: true,
      tag: true,
      search: true,
      albumCount: true,
      person: true,
    };
    const nowhere = Object.fromEntries(Object.keys(everywhere).map((k) => [k, false]));
    const others = [null, viewerOf(reporter), viewerOf(follower), adminOf(admin)];
    for (const viewer of others) expect(await seenBy(viewer)).toEqual(everywhere);
    expect(ids(await listFeed(viewerOf(follower)))).toContain(photo);
    expect((await listFavorites(viewerOf(follower))).map((p) => p.id)).toContain(photo);
    expect(await checkPhotoAccessViaLink(grant, [photo!])).toEqual(new Set([photo]));

    // While the report is open an admin may load its preview (and only an admin).
    expect(await mayPreviewReportedPhoto(adminOf(admin), photo!)).toBe(true);
    expect(await mayPreviewReportedPhoto(viewerOf(reporter), photo!)).toBe(false);

    const { access_version: versionBefore } = await photoRow(photo!);
    const pageBefore = await pageVersion(owner.id);
    await hideContent(adminOf(admin), { kind: "photo", id: photo! }, "Harassment");

    // Decided: reports actioned, the media URL's version moved, the owner's cached pages are stale.
    expect(await reportsOn(photo!)).toEqual([{ status: "ACTIONED", resolved_by_id: admin.id }]);
    expect((await photoRow(photo!)).access_version).toBe(versionBefore + 1);
    expect(await pageVersion(owner.id)).toBeGreaterThan(pageBefore);
    expect(await mayPreviewReportedPhoto(adminOf(admin), photo!)).toBe(false);

    const row = await db().photo.findUniqueOrThrow({
      where: { id: photo! },
      select: {
        id: true,
        ownerId: true,
        status: true,
        hiddenAt: true,
        deletedAt: true,
        visibility: true,
        trashedAt: true,
      },
    });
    for (const viewer of others) {
      const who = viewer ? (viewer.id === admin.id ? "admin" : viewer.id) : "anonymous";
      expect(await seenBy(viewer), who).toEqual(nowhere);
      expect(await photoAccessFor(viewer, row), who).toBeNull();
      expect(ids(await listPhotos(viewer, { kind: "explore" })), who).not.toContain(photo);
      expect(ids(await listPhotos(viewer, { kind: "explore", order: "interesting" })), who).not.toContain(
        photo,
      );
    }
    expect(ids(await listFeed(viewerOf(follower)))).not.toContain(photo);
    expect((await listFavorites(viewerOf(follower))).map((p) => p.id)).not.toContain(photo);
    expect(await checkPhotoAccessViaLink(grant, [photo!])).toEqual(new Set());

    // The owner still sees it everywhere they look, marked, with the reason.
    const own = await getPhoto(viewerOf(owner), photo!);
    expect(own).toMatchObject({ hidden: true, ownerOnly: { hiddenReason: "Harassment" } });
    expect(await seenBy(viewerOf(owner))).toMatchObject({
      page: true,
      check: true,
      stream: true,
      album: true,
    });
    const [told] = await listNotifications(viewerOf(owner));
    expect(told).toMatchObject({
      type: "MODERATION",
      actor: null,
      photo: { id: photo },
      message: `A moderator hid your photo “${title}”: Harassment`,
    });
  });
});

describe("a hidden comment", () => {
  it("is shown to its author alone, marked, and stops counting", async () => {
    const [owner, author, reporter, admin] = await Promise.all([
      newUser(pool),
      newUser(pool),
      newUser(pool),
      newAdmin(),
    ]);
    const [photo] = await addPhotos(pool, owner.id, owner.defaultAlbumId, 1);
    const kept = await addComment(viewerOf(author), { photoId: photo!, body: "fine words" });
    const bad = await addComment(viewerOf(author), { photoId: photo!, body: "rude words" });
    await reportContent(viewerOf(reporter), {
      target: { kind: "comment", id: bad.id },
      reason: "abuse",
      details: "",
    });
    await hideContent(adminOf(admin), { kind: "comment", id: bad.id }, "Be kind");

    for (const viewer of [null, viewerOf(owner), viewerOf(reporter), adminOf(admin)]) {
      expect((await listComments(viewer, photo!)).map((c) => c.id)).toEqual([kept.id]);
    }
    const seen = await listComments(viewerOf(author), photo!);
    expect(seen.map((c) => [c.id, c.hidden, c.canEdit])).toEqual([
      [kept.id, null, true],
      [bad.id, { reason: "Be kind" }, false],
    ]);
    expect((await photoRow(photo!)).comment_count).toBe(1);
    // Nobody else can report it again, and deleting it does not count it out twice.
    await expect(
      reportContent(viewerOf(reporter), {
        target: { kind: "comment", id: bad.id },
        reason: "abuse",
        details: "",
      }),
    ).rejects.toMatchObject({ code: "not_found" });
    const [told] = await listNotifications(viewerOf(author));
    expect(told).toMatchObject({ type: "MODERATION", message: expect.stringContaining("Be kind") });
    await deleteComment(viewerOf(author), bad.id);
    expect((await photoRow(photo!)).comment_count).toBe(1);
  });
});

describe("unhiding", () => {
  it("takes a decision back: visible again, counted again, listed no more, the owner told", async () => {
    const [owner, author, admin, user] = await Promise.all([
      newUser(pool),
      newUser(pool),
      newAdmin(),
      newUser(pool),
    ]);
    const [photo] = await addPhotos(pool, owner.id, owner.defaultAlbumId, 1);
    const comment = await addComment(viewerOf(author), { photoId: photo!, body: "words" });
    await hideContent(adminOf(admin), { kind: "photo", id: photo! }, "Spam");
    await hideContent(adminOf(admin), { kind: "comment", id: comment.id }, "Rude");
    const listed = (await listHiddenContent(adminOf(admin))).map((i) => i.target.id);
    expect(listed).toEqual(expect.arrayContaining([photo, comment.id]));
    await expect(listHiddenContent(viewerOf(user))).rejects.toMatchObject({ code: "not_found" });
    await expect(unhideContent(viewerOf(user), { kind: "photo", id: photo! })).rejects.toMatchObject({
      code: "not_found",
    });

    await unhideContent(adminOf(admin), { kind: "photo", id: photo! });
    await unhideContent(adminOf(admin), { kind: "comment", id: comment.id });
    expect(await getPhoto(null, photo!)).not.toBeNull();
    expect((await listComments(null, photo!)).map((c) => c.id)).toEqual([comment.id]);
    expect((await photoRow(photo!)).comment_count).toBe(1);
    const after = (await listHiddenContent(adminOf(admin))).map((i) => i.target.id);
    expect(after).not.toContain(photo);
    expect(after).not.toContain(comment.id);
    // Not hidden any more: a second unhide finds nothing.
    await expect(unhideContent(adminOf(admin), { kind: "photo", id: photo! })).rejects.toMatchObject({
      code: "not_found",
    });
    const [told] = await listNotifications(viewerOf(owner));
    expect(told).toMatchObject({
      type: "MODERATION",
      message: expect.stringContaining("restored your photo"),
    });
  });
});

describe("setUserRole (the `pinhole admin` command)", () => {
  it("promotes and demotes by handle; an unknown handle is not found", async () => {
    const user = await newUser(pool);
    await expect(setUserRole(`@${user.handle.toUpperCase()}`, "ADMIN")).resolves.toMatchObject({
      handle: user.handle,
      role: "ADMIN",
    });
    expect((await pool.query("SELECT role FROM users WHERE id = $1", [user.id])).rows[0]).toEqual({
      role: "ADMIN",
    });
    await setUserRole(user.handle, "USER");
    expect((await pool.query("SELECT role FROM users WHERE id = $1", [user.id])).rows[0]).toEqual({
      role: "USER",
    });
    await expect(setUserRole(`nobody-${word()}`, "ADMIN")).rejects.toMatchObject({ code: "not_found" });
  });
});
