import { afterAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../../../test/support/db";
import { addPhotos, newUser, openPool, viewerOf } from "../albums/album-fixtures";

process.env.DATABASE_URL = testDatabaseUrl();
const { addComment } = await import("./add-comment");
const { COMMENTS_PER_MINUTE } = await import("@/server/cache/rate-limits");
const { editComment } = await import("./edit-comment");
const { deleteComment } = await import("./delete-comment");
const { listComments } = await import("./list-comments");

const pool = openPool(testDatabaseUrl());
afterAll(() => pool.end());

const counter = async (id: string) =>
  (await pool.query<{ n: number }>("SELECT comment_count AS n FROM photos WHERE id = $1", [id])).rows[0]!.n;

describe("comments", () => {
  it("authors edit and delete their own; the photo's owner deletes any; comment_count follows", async () => {
    const [owner, a, b] = await Promise.all([newUser(pool), newUser(pool), newUser(pool)]);
    const [photo] = await addPhotos(pool, owner.id, owner.defaultAlbumId, 1);
    const first = await addComment(viewerOf(a), { photoId: photo!, body: "first" });
    const second = await addComment(viewerOf(b), { photoId: photo!, body: "second" });
    expect(await counter(photo!)).toBe(2);

    await editComment(viewerOf(a), { commentId: first.id, body: "first, edited" });
    await expect(editComment(viewerOf(b), { commentId: first.id, body: "x" })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(editComment(viewerOf(owner), { commentId: first.id, body: "x" })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(deleteComment(viewerOf(b), first.id)).rejects.toMatchObject({ code: "not_found" });

    const seenByA = await listComments(viewerOf(a), photo!);
    expect(seenByA.map((c) => [c.body, c.canEdit, c.canDelete])).toEqual([
      ["first, edited", true, true],
      ["second", false, false],
    ]);
    expect((await listComments(viewerOf(owner), photo!)).every((c) => c.canDelete && !c.canEdit)).toBe(true);

    await deleteComment(viewerOf(owner), second.id);
    await deleteComment(viewerOf(a), first.id);
    expect(await counter(photo!)).toBe(0);
    expect(await listComments(null, photo!)).toEqual([]);
  });

  it("a stranger can neither see nor post on a private photo", async () => {
    const [owner, stranger] = await Promise.all([newUser(pool), newUser(pool)]);
    const [photo] = await addPhotos(pool, owner.id, owner.defaultAlbumId, [{ visibility: "PRIVATE" }]);
    await addComment(viewerOf(owner), { photoId: photo!, body: "note to self" });
    await expect(addComment(viewerOf(stranger), { photoId: photo!, body: "hi" })).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await listComments(viewerOf(stranger), photo!)).toEqual([]);
    expect(await listComments(null, photo!)).toEqual([]);
    expect(await listComments(viewerOf(owner), photo!)).toHaveLength(1);
    expect(await counter(photo!)).toBe(1);
  });

  it("limits how many comments one person posts a minute, with a clear message", async () => {
    const [owner, flooder] = await Promise.all([newUser(pool), newUser(pool)]);
    const [photo] = await addPhotos(pool, owner.id, owner.defaultAlbumId, 1);
    for (let i = 0; i < COMMENTS_PER_MINUTE; i++) {
      await addComment(viewerOf(flooder), { photoId: photo!, body: `spam ${i}` });
    }
    await expect(addComment(viewerOf(flooder), { photoId: photo!, body: "one more" })).rejects.toMatchObject({
      code: "rate_limited",
      message: expect.stringMatching(/too fast/),
    });
    expect(await counter(photo!)).toBe(COMMENTS_PER_MINUTE);
    // Someone else is not held back by it.
    await addComment(viewerOf(owner), { photoId: photo!, body: "calm down" });
  });
});
