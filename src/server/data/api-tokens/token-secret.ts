import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** Every token starts with this, so a leaked one is recognisable (secret scanners, logs). */
export const API_TOKEN_PREFIX = "ph_";
// 256 random bits: no guessing, and a plain sha256 (no salt, no slow hash) is enough to look it up.
const TOKEN_BYTES = 32;
/** How much of a token the settings page shows to tell tokens apart: the prefix and 6 characters. */
const SHOWN_LENGTH = API_TOKEN_PREFIX.length + 6;

export interface ApiTokenSecret {
  /** Shown once to its owner, never stored. */
  token: string;
  /** sha256 of the token, hex: what the database keeps and looks up. */
  hash: string;
  /** The first characters, kept so the owner can tell tokens apart. */
  prefix: string;
}

export function newApiTokenSecret(): ApiTokenSecret {
  const token = API_TOKEN_PREFIX + randomBytes(TOKEN_BYTES).toString("base64url");
  return { token, hash: hashApiToken(token), prefix: token.slice(0, SHOWN_LENGTH) };
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Shaped like a token we issue: anything else is refused without a database lookup. */
export function looksLikeApiToken(value: string): boolean {
  return /^ph_[A-Za-z0-9_-]{43}$/.test(value);
}
