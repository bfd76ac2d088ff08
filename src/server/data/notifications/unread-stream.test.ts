import { afterAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../../../test/support/db";
import { newUser, openPool } from "../albums/album-fixtures";

process.env.DATABASE_URL = testDatabaseUrl();
delete process.env.REDIS_URL;
const { openUnreadStream } = await import("./unread-stream");
const { notify } = await import("./create-notification");
const { createSession, revokeAllSessions } = await import("@/server/auth/sessions");

const pool = openPool(testDatabaseUrl());
afterAll(() => pool.end());

describe("openUnreadStream", () => {
  it("sends the count at once, then each change, and closes on abort", async () => {
    const [user, actor] = await Promise.all([newUser(pool), newUser(pool)]);
    const abort = new AbortController();
    const sessionId = await createSession(user.id, { ip: "127.0.0.1", userAgent: "test" });
    const bytes = openUnreadStream(user.id, sessionId, abort.signal).getReader();
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

describe("a stream whose session ends", () => {
  it("says so and closes when the session is signed out elsewhere", async () => {
    const user = await newUser(pool);
    const sessionId = await createSession(user.id, { ip: "127.0.0.1", userAgent: "test" });
    const bytes = openUnreadStream(user.id, sessionId, new AbortController().signal).getReader();
    const decoder = new TextDecoder();
    expect(decoder.decode((await bytes.read()).value)).toContain("event: unread");
    expect(await revokeAllSessions(user.id)).toBe(1);
    expect(decoder.decode((await bytes.read()).value)).toBe("event: signed-out\ndata: \n\n");
    expect((await bytes.read()).done).toBe(true);
  });
});
