import { afterAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../../../test/support/db";
import { newUser, openPool } from "../albums/album-fixtures";

process.env.DATABASE_URL = testDatabaseUrl();
delete process.env.REDIS_URL;
const { openUnreadStream } = await import("./unread-stream");
const { notify } = await import("./create-notification");

const pool = openPool(testDatabaseUrl());
afterAll(() => pool.end());

describe("openUnreadStream", () => {
  it("sends the count at once, then each change, and closes on abort", async () => {
    const [user, actor] = await Promise.all([newUser(pool), newUser(pool)]);
    const abort = new AbortController();
    const bytes = openUnreadStream(user.id, abort.signal).getReader();
    const decoder = new TextDecoder();
    const reader = {
      read: async () => {
        const { done, value } = await bytes.read();
        return { done, value: value && decoder.decode(value) };
      },
    };

    const first = await reader.read();
    expect(first.value).toContain("event: unread\ndata: 0\n\n");
    await notify({ recipientId: user.id, type: "FOLLOW", actorId: actor.id });
    expect((await reader.read()).value).toBe("event: unread\ndata: 1\n\n");

    abort.abort();
    expect((await reader.read()).done).toBe(true);
    // Nothing is pushed into a closed stream: a later notification finds no listener to fail on.
    await notify({ recipientId: user.id, type: "FOLLOW", actorId: actor.id });
  });
});
