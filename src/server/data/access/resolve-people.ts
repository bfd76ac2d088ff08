import "server-only";
import { looksLikeEmail, type Person } from "@/lib/access";
import { rateLimitKeys, rateLimits, take } from "@/server/cache/rate-limits";
import { dbFor } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import type { Viewer } from "@/server/policy/viewer";

const HANDLE = /^[a-z0-9_-]{1,64}$/;

/**
 * Counts `count` email look-ups for the viewer; false once over the limit (nothing is looked up).
 * Looking people up by exact email tells the caller whether that address has an account (and its
 * handle). Sharing needs that, harvesting must not get it in bulk: EMAIL_LOOKUPS_PER_WINDOW per
 * person per window, shared by the search box and the add action.
 */
export async function allowEmailLookups(viewer: NonNullable<Viewer>, count = 1): Promise<boolean> {
  return (await take(rateLimits().emailLookups, rateLimitKeys.person(viewer.id), count)).ok;
}

export interface ResolvedPerson extends Person {
  id: string;
}

export interface ResolvedPeople {
  /** Everyone found, once each, in the order asked for; never the viewer themself. */
  people: ResolvedPerson[];
  /** What the viewer typed that names nobody, as they typed it (never more: "no such person"). */
  unknown: string[];
  /**
   * Addresses (lower-cased) with no verified account: they get an invitation, never a grant to
   * whoever claims the address without proving it.
   */
  invited: string[];
  /** The viewer named themself (they always see their own photos). */
  includedSelf: boolean;
}

/**
 * Turns what the owner typed (handles, "@handle", exact email addresses) into people. An email's
 * account is only ever returned as its handle and name, and only once its owner has verified it; any
 * other address is to be invited (an unverified squatter on it gets nothing).
 */
export async function resolvePeople(viewer: NonNullable<Viewer>, refs: string[]): Promise<ResolvedPeople> {
  type Ref = { raw: string; kind: "email" | "handle"; key: string };
  const wanted = refs.map((raw): Ref => {
    const text = raw.trim();
    if (looksLikeEmail(text)) return { raw: text, kind: "email", key: text.toLowerCase() };
    // Not a valid handle: kept as a key no handle can equal, so it is reported like any unknown.
    return { raw: text, kind: "handle", key: text.replace(/^@/, "").toLowerCase() };
  });
  const keysOf = (kind: Ref["kind"]) => [
    ...new Set(
      wanted.filter((w) => w.kind === kind && (kind === "email" || HANDLE.test(w.key))).map((w) => w.key),
    ),
  ];
  const emails = keysOf("email");
  const handles = keysOf("handle");
  if (emails.length > 0 && !(await allowEmailLookups(viewer, emails.length))) {
    throw new AppError(
      "rate_limited",
      "Too many look-ups by email address. Use their handle, or try again in a few minutes.",
    );
  }

  const select = { id: true, handle: true, displayName: true } as const;
  const [byHandle, byEmail] = await Promise.all([
    handles.length > 0 ? dbFor(viewer).user.findMany({ where: { handle: { in: handles } }, select }) : [],
    // The email is matched in SQL and read back only to pair each row with what was typed.
    emails.length > 0
      ? dbFor(viewer).user.findMany({
          where: { email: { in: emails }, emailVerified: { not: null } },
          select: { ...select, email: true },
        })
      : [],
  ]);
  const handleMap = new Map(byHandle.map((u) => [u.handle, u]));
  const emailMap = new Map(byEmail.map((u) => [u.email, u]));

  const people = new Map<string, ResolvedPerson>();
  const unknown: string[] = [];
  const invited = new Set<string>();
  let includedSelf = false;
  for (const w of wanted) {
    const user = (w.kind === "email" ? emailMap : handleMap).get(w.key);
    if (!user && w.kind === "email") invited.add(w.key);
    else if (!user) unknown.push(w.raw);
    else if (user.id === viewer.id) includedSelf = true;
    else people.set(user.id, { id: user.id, handle: user.handle, displayName: user.displayName });
  }
  return { people: [...people.values()], unknown, invited: [...invited], includedSelf };
}
