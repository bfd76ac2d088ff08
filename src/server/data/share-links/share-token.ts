import "server-only";
import { randomBytes } from "node:crypto";

const TOKEN_BYTES = 24;
/** 24 random bytes are 192 bits, 32 base64url characters with no padding. */
export const SHARE_TOKEN_LENGTH = 32;

export function newShareToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

/** The shape of a token this app hands out. Anything else names no link and never reaches the database. */
export function isShareToken(value: string): boolean {
  return value.length === SHARE_TOKEN_LENGTH && /^[A-Za-z0-9_-]+$/.test(value);
}
