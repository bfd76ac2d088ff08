import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";

export interface FollowPerson {
  handle: string;
  displayName: string;
}

export interface FollowList {
  person: FollowPerson;
  /** All of them, not only those listed. */
  total: number;
  /** Newest follow first; at most FOLLOW_LIST_LIMIT. */
  people: FollowPerson[];
}

export const FOLLOW_LIST_LIMIT = 500;

const HANDLE = /^[a-z0-9_-]{1,64}$/;

/**
 * Who follows the person with `handle` ("followers") or whom they follow ("following"), or null for
 * an unknown handle. Public to everyone, like the profile: handles and display names only.
 */
export async function listFollows(
  handle: string,
  which: "followers" | "following",
): Promise<FollowList | null> {
  const wanted = handle.toLowerCase();
  if (!HANDLE.test(wanted)) return null;
  const [person] = await db().$queryRaw<{ id: string; handle: string; display_name: string }[]>(
    Prisma.sql`SELECT id, handle, display_name FROM users WHERE handle = ${wanted}`,
  );
  if (!person) return null;
  // followers: rows naming them as followee (the followee_id index); following: the primary key.
  const [mine, theirs] =
    which === "followers"
      ? [Prisma.sql`f.followee_id`, Prisma.sql`f.follower_id`]
      : [Prisma.sql`f.follower_id`, Prisma.sql`f.followee_id`];
  const rows = await db().$queryRaw<{ handle: string; display_name: string; total: number }[]>(
    Prisma.sql`SELECT u.handle, u.display_name, count(*) OVER ()::int AS total
               FROM follows f JOIN users u ON u.id = ${theirs}
               WHERE ${mine} = ${person.id}::uuid
               ORDER BY f.created_at DESC, u.handle
               LIMIT ${FOLLOW_LIST_LIMIT}`,
  );
  return {
    person: { handle: person.handle, displayName: person.display_name },
    total: rows[0]?.total ?? 0,
    people: rows.map((r) => ({ handle: r.handle, displayName: r.display_name })),
  };
}
