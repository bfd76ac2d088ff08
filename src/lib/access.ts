// Who sees a photo or an album: the shapes the access editor, its actions and its data functions
// share (safe for the browser: no server code, no emails).
import { z } from "zod";

export type Visibility = "PUBLIC" | "SHARED" | "PRIVATE";

export const accessTargetSchema = z.object({
  kind: z.enum(["photo", "album"]),
  id: z.uuid({ error: "No such photo or album" }),
});

/** The one photo or album whose access is edited. */
export type AccessTarget = z.infer<typeof accessTargetSchema>;

export const visibilitySchema = z.enum(["PUBLIC", "SHARED", "PRIVATE"], {
  error: "Choose Public, Shared with people or Private",
});

/** Someone as the owner sees them when sharing: never their email. */
export interface Person {
  handle: string;
  displayName: string;
}

/** Search results shown at once, at most. */
export const PEOPLE_SEARCH_LIMIT = 8;

/** People added in one go, at most (the combobox adds one at a time; organise adds a few). */
export const MAX_PEOPLE_PER_ADD = 20;

/**
 * A handle ("ana", "@ana") or an exact email address, as the owner typed it. Emails are told apart
 * by an "@" after the first character: handles cannot contain one.
 */
export const personRefSchema = z.string().trim().min(1, "Type a name, a handle or an email").max(254);

export function looksLikeEmail(text: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text.trim());
}

/**
 * Access in words for the owner. `own` is what the target's own setting lets in, `album` what its
 * album lends a photo (the union rule), and `result` the union of the two: "everyone", "only you",
 * "you and Ana", "you, Ana and 3 others".
 */
export interface AccessDescription {
  /** One sentence: "Visible to: you, Ana and 3 others via the album Trip". */
  summary: string;
  own: string;
  /** For a photo: its album's title and what the album lends; `lends` is false for a private album. */
  album: { title: string; text: string; lends: boolean } | null;
  result: string;
}

/** Everything the access editor shows, returned fresh by every action that changes it. */
export interface AccessState extends AccessDescription {
  visibility: Visibility;
  /** The people the target's own grants name, in the order they were added. */
  viewers: Person[];
}
