import { afterAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../../test/support/db";
import { addPhotos, newUser, openPool, photoRow, viewerOf } from "./albums/album-fixtures";

process.env.DATABASE_URL = testDatabaseUrl();
const { db } = await import("@/server/db/client");
const { updatePhotoDetails } = await import("./update-photo-details");

const pool = openPool(testDatabaseUrl());
afterAll(() => pool.end());

const allowOriginal = async (id: string) =>
  (await db().photo.findUniqueOrThrow({ where: { id }, select: { allowOriginal: true } })).allowOriginal;

// graphile-worker's public view has no payload: its private table does.
const sharedOriginalJobs = async (id: string) =>
  (
    await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n
         FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
        WHERE t.identifier = 'make-shared-original' AND j.payload->>'photoId' = $1`,
      [id],
    )
  ).rows[0]!.n;

describe("updatePhotoDetails: letting others download the original", () => {
  it("sets it when given, leaves it when not, and retires old URLs when it is turned off", async () => {
    const owner = await newUser(pool);
    const [id] = await addPhotos(pool, owner.id, owner.defaultAlbumId, 1);
    const details = { photoId: id!, title: "t", description: "", tags: [], albumId: owner.defaultAlbumId };
    const user = {
      ...viewerOf(owner),
      email: owner.email,
      handle: owner.handle,
      displayName: "O",
      sessionId: "s",
    };

    await updatePhotoDetails(user, { ...details, allowOriginal: true });
    expect(await allowOriginal(id!)).toBe(true);
    expect((await photoRow(pool, id!))?.access_version).toBe(1);
    // The copy without location is made in the job queue, committed with the change.
    expect(await sharedOriginalJobs(id!)).toBe(1);

    // The upload page's form has no such field: the setting stays.
    await updatePhotoDetails(user, details);
    expect(await allowOriginal(id!)).toBe(true);
    expect(await sharedOriginalJobs(id!)).toBe(1);

    await updatePhotoDetails(user, { ...details, allowOriginal: false });
    expect(await allowOriginal(id!)).toBe(false);
    // A public original may sit in a shared cache under the old URL: the version moves on.
    expect((await photoRow(pool, id!))?.access_version).toBe(2);
    await updatePhotoDetails(user, { ...details, allowOriginal: false });
    expect((await photoRow(pool, id!))?.access_version).toBe(2);
  });

  it("changes nothing of another user's", async () => {
    const [owner, stranger] = await Promise.all([newUser(pool), newUser(pool)]);
    const [id] = await addPhotos(pool, owner.id, owner.defaultAlbumId, 1);
    const user = {
      ...viewerOf(stranger),
      email: stranger.email,
      handle: stranger.handle,
      displayName: "S",
      sessionId: "s",
    };
    await expect(
      updatePhotoDetails(user, {
        photoId: id!,
        title: "pwned",
        description: "",
        tags: [],
        albumId: stranger.defaultAlbumId,
        allowOriginal: true,
      }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await allowOriginal(id!)).toBe(false);
  });
});

describe("updatePhotoDetails: the license", () => {
  it("sets it when given and leaves it when not", async () => {
    const owner = await newUser(pool);
    const [id] = await addPhotos(pool, owner.id, owner.defaultAlbumId, 1);
    const details = { photoId: id!, title: "t", description: "", tags: [], albumId: owner.defaultAlbumId };
    const user = {
      ...viewerOf(owner),
      email: owner.email,
      handle: owner.handle,
      displayName: "O",
      sessionId: "s",
    };
    const license = async () =>
      (await db().photo.findUniqueOrThrow({ where: { id: id! }, select: { license: true } })).license;

    expect(await license()).toBe("ALL_RIGHTS_RESERVED");
    await updatePhotoDetails(user, { ...details, license: "CC_BY_SA" });
    expect(await license()).toBe("CC_BY_SA");
    await updatePhotoDetails(user, details);
    expect(await license()).toBe("CC_BY_SA");
  });
});
