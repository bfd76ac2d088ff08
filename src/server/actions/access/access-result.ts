// What the access editor's actions return, and the refusals they show (not actions themselves).
import type { AccessState } from "@/lib/access";

export type AccessActionResult =
  { ok: true; message: string; state: AccessState } | { ok: false; error: string; state?: AccessState };

export const SIGN_IN_TO_SHARE = "Sign in to change who sees your photos.";

/** "Ana", "Ana and Ben", "Ana, Ben and Cy". */
export function namesList(names: string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** "No such person: x, y." for what the owner typed that names nobody (their own words back). */
export function unknownNote(unknown: string[]): string {
  if (unknown.length === 0) return "";
  return `No such person: ${unknown.join(", ")}.`;
}

/** "Invited x@y: …" for addresses with no verified account (they see it once they verify). */
export function invitedNote(invited: string[]): string {
  if (invited.length === 0) return "";
  return `Invited ${invited.join(", ")} by email: they see it once they verify that address.`;
}
