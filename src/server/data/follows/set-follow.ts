import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { notify } from "@/server/data/notifications/create-notification";
import { AppError } from "@/server/errors/app-error";

export interface FollowState {
  handle: string;
  displayName: string;
  following: boolean;
  followerCount: number;
}

const HANDLE = /^[a-z0-9_-]{1,64}$/;

/**
 * Makes `follower` follow (or stop following) the person with `handle`. Idempotent: following twice
 * or unfollowing someone not followed ends in the same state without an error. Everyone's profile is
 * public, so an unknown handle is the only `not_found`; following oneself is `bad_request`.
 */
export async function setFollow(
  follower: { id: string },
  handle: string,
  follow: boolean,
): Promise<FollowState & { started: boolean }> {
  const wanted = handle.toLowerCase();
  if (!HANDLE.test(wanted)) throw new AppError("not_found", "No such person");
  const [person] = await db().$queryRaw<{ id: string; handle: string; display_name: string }[]>(
    Prisma.sql`SELECT id, handle, display_name FROM users WHERE handle = ${wanted}`,
  );
  if (!person) throw new AppError("not_found", "No such person");
  if (person.id === follower.id) throw new AppError("bad_request", "You cannot follow yourself");

  let started = false;
  if (follow) {
    // ON CONFLICT: a second click or another tab is not an error, and `started` is true only once.
    const inserted = await db().$executeRaw(
      Prisma.sql`INSERT INTO follows (follower_id, followee_id) VALUES (${follower.id}::uuid, ${person.id}::uuid)
                 ON CONFLICT DO NOTHING`,
    );
    started = inserted > 0;
    // The followee hears of a new follower once, after the row is in.
    if (started) await notify({ recipientId: person.id, type: "FOLLOW", actorId: follower.id });
  } else {
    await db().$executeRaw(
      Prisma.sql`DELETE FROM follows WHERE follower_id = ${follower.id}::uuid AND followee_id = ${person.id}::uuid`,
    );
  }
  const [count] = await db().$queryRaw<{ n: number }[]>(
    Prisma.sql`SELECT count(*)::int AS n FROM follows WHERE followee_id = ${person.id}::uuid`,
  );
  return {
    handle: person.handle,
    displayName: person.display_name,
    following: follow,
    followerCount: count?.n ?? 0,
    started,
  };
}
