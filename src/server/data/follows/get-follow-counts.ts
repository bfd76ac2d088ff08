import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import type { Viewer } from "@/server/policy/viewer";

export interface FollowCounts {
  followers: number;
  following: number;
  /** The viewer follows this person (always false for nobody and for the person themself). */
  viewerFollows: boolean;
}

/**
 * A person's follower and following counts, and whether the viewer follows them. The counts are on
 * the cached anonymous page: the follows trigger (20261121080000_follows_page_version) bumps both
 * people's page versions on every follow and unfollow.
 */
export async function getFollowCounts(viewer: Viewer, personId: string): Promise<FollowCounts> {
  const [row] = await db().$queryRaw<FollowCounts[]>(
    Prisma.sql`SELECT (SELECT count(*)::int FROM follows WHERE followee_id = ${personId}::uuid) AS followers,
                      (SELECT count(*)::int FROM follows WHERE follower_id = ${personId}::uuid) AS following,
                      ${
                        viewer
                          ? Prisma.sql`EXISTS (SELECT 1 FROM follows WHERE follower_id = ${viewer.id}::uuid
                                                AND followee_id = ${personId}::uuid)`
                          : Prisma.sql`false`
                      } AS "viewerFollows"`,
  );
  return row ?? { followers: 0, following: 0, viewerFollows: false };
}
