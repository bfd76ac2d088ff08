import "server-only";
import type { AccessDescription, AccessState, AccessTarget, Person, Visibility } from "@/lib/access";
import { dbFor } from "@/server/db/client";
import type { Viewer } from "@/server/policy/viewer";
import { listViewers } from "./list-viewers";
import { noSuchTarget } from "./owned-target";

/** Who one setting lets in besides the owner: everyone, or these people (none: only the owner). */
export type Audience = "everyone" | Person[];

export function audienceOf(visibility: Visibility, grantees: Person[]): Audience {
  if (visibility === "PUBLIC") return "everyone";
  // Grants on a PRIVATE target wait for it to be SHARED: they let nobody in (the policy).
  return visibility === "SHARED" ? grantees : [];
}

/** The union rule: a photo is seen by whoever its own setting or its album's lets in. */
export function unionOf(a: Audience, b: Audience): Audience {
  if (a === "everyone" || b === "everyone") return "everyone";
  const people = new Map<string, Person>();
  for (const person of [...a, ...b]) if (!people.has(person.handle)) people.set(person.handle, person);
  return [...people.values()];
}

/** "everyone", "only you", "you and Ana", "you, Ana and Ben", "you, Ana and 3 others". */
export function audienceWords(audience: Audience): string {
  if (audience === "everyone") return "everyone";
  const [first, second] = audience;
  if (!first) return "only you";
  if (!second) return `you and ${first.displayName}`;
  if (audience.length === 2) return `you, ${first.displayName} and ${second.displayName}`;
  return `you, ${first.displayName} and ${audience.length - 1} others`;
}

function sameAudience(a: Audience, b: Audience): boolean {
  if (a === "everyone" || b === "everyone") return a === b;
  const handles = new Set(a.map((p) => p.handle));
  return a.length === b.length && b.every((p) => handles.has(p.handle));
}

const letsAnyoneIn = (a: Audience) => a === "everyone" || a.length > 0;

/**
 * Access in words for a photo (its own setting, its album's, and the union of the two) or an album
 * (its own setting). The summary names the album when the result is the album's doing:
 * "Visible to: you, Ana and 3 others via the album Trip".
 */
export function describeAudiences(
  own: Audience,
  album: { title: string; audience: Audience } | null,
  options: { hidden?: boolean } = {},
): AccessDescription {
  const result = album ? unionOf(own, album.audience) : own;
  const viaAlbum =
    album !== null &&
    letsAnyoneIn(album.audience) &&
    sameAudience(result, album.audience) &&
    !sameAudience(result, own);
  // A photo hidden by a moderator is the owner's alone, whatever its settings say.
  const resultWords = options.hidden ? "only you" : audienceWords(result);
  return {
    summary: options.hidden
      ? "Visible to: only you (hidden by a moderator)"
      : `Visible to: ${resultWords}${viaAlbum ? ` via the album ${album.title}` : ""}`,
    own: audienceWords(own),
    album: album
      ? { title: album.title, text: audienceWords(album.audience), lends: letsAnyoneIn(album.audience) }
      : null,
    result: resultWords,
  };
}

/**
 * Who may see the owner's photo or album, for the access editor: the setting, the named viewers and
 * the result in words. For a photo the album's share is computed too (the union rule, as
 * visiblePhotoWhere applies it). Owner only: anyone else's target is not_found.
 */
export async function describeAccess(
  viewer: NonNullable<Viewer>,
  target: AccessTarget,
): Promise<AccessState> {
  const viewers = await listViewers(viewer, target);
  if (target.kind === "album") {
    const album = await dbFor(viewer).album.findFirst({
      where: { id: target.id, ownerId: viewer.id },
      select: { visibility: true },
    });
    if (!album) throw noSuchTarget(target);
    return {
      visibility: album.visibility,
      viewers,
      ...describeAudiences(audienceOf(album.visibility, viewers), null),
    };
  }

  const photo = await dbFor(viewer).photo.findFirst({
    where: { id: target.id, ownerId: viewer.id, deletedAt: null },
    select: {
      visibility: true,
      hiddenAt: true,
      album: {
        select: {
          title: true,
          visibility: true,
          accessGrants: {
            select: { user: { select: { handle: true, displayName: true } } },
            orderBy: [{ createdAt: "asc" }, { user: { displayName: "asc" } }, { id: "asc" }],
          },
        },
      },
    },
  });
  if (!photo) throw noSuchTarget(target);
  const albumViewers = photo.album.accessGrants.map((g) => g.user);
  // The access model (src/server/policy/access.ts): only a Shared album lends its photos, to its
  // named viewers; a Public album shows visitors only its photos that are public themselves.
  const lends = photo.album.visibility === "SHARED" ? "SHARED" : "PRIVATE";
  return {
    visibility: photo.visibility,
    viewers,
    ...describeAudiences(
      audienceOf(photo.visibility, viewers),
      { title: photo.album.title, audience: audienceOf(lends, albumViewers) },
      { hidden: photo.hiddenAt !== null },
    ),
  };
}
