import "server-only";

/** What a token may do: `read` is every GET; `write` adds uploads, edits, deletes and favorites. */
export const API_SCOPES = ["read", "write"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** The scopes a stored row grants (unknown strings from old rows or hand edits grant nothing). */
export function scopesOf(stored: string[]): ApiScope[] {
  return API_SCOPES.filter((s) => stored.includes(s));
}
