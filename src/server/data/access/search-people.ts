import "server-only";
import { looksLikeEmail, PEOPLE_SEARCH_LIMIT, type Person } from "@/lib/access";
import { db, dbFor } from "@/server/db/client";
import type { Viewer } from "@/server/policy/viewer";
import { allowEmailLookups } from "./resolve-people";

/** LIKE's wildcards and its escape character, taken literally. */
function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * People to share with, as the owner types: handles and display names that start with `query`
 * (case-insensitive), at most PEOPLE_SEARCH_LIMIT, never the viewer. A complete email address also
 * matches its account exactly (rate-limited per viewer), shown like any other result: handle and name,
 * never the address. Handles and names are public (every photostream shows them); emails are not.
 */
export async function searchPeople(viewer: NonNullable<Viewer>, query: string): Promise<Person[]> {
  const text = query.trim().slice(0, 254);
  if (!text) return [];

  let byEmail: Person[] = [];
  if (looksLikeEmail(text) && (await allowEmailLookups(viewer))) {
    byEmail = await dbFor(viewer).user.findMany({
      // An address nobody has proved is nobody's: a squatter on it is not found by it.
      where: { email: text.toLowerCase(), emailVerified: { not: null }, id: { not: viewer.id } },
      select: { handle: true, displayName: true },
    });
  }

  const prefix = text.replace(/^@/, "").toLowerCase();
  if (!prefix) return byEmail;
  const pattern = likePrefix(prefix);
  // Two index-backed prefix scans (migration 20261121030000), each limited, rather than one OR that
  // would sort every match.
  const rows = await db().$queryRaw<{ handle: string; display_name: string }[]>`
    (SELECT handle, display_name FROM users
     WHERE handle LIKE ${pattern} ESCAPE '\\' AND id <> ${viewer.id}::uuid
     ORDER BY (handle = ${prefix}) DESC, length(handle), handle
     LIMIT ${PEOPLE_SEARCH_LIMIT})
    UNION ALL
    (SELECT handle, display_name FROM users
     WHERE lower(display_name) LIKE ${pattern} ESCAPE '\\' AND id <> ${viewer.id}::uuid
     ORDER BY lower(display_name), handle
     LIMIT ${PEOPLE_SEARCH_LIMIT})`;

  const people = new Map<string, Person>();
  for (const person of byEmail) people.set(person.handle, person);
  for (const row of rows) {
    if (!people.has(row.handle))
      people.set(row.handle, { handle: row.handle, displayName: row.display_name });
  }
  return [...people.values()].slice(0, PEOPLE_SEARCH_LIMIT);
}
