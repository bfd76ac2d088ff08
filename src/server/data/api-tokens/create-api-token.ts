import "server-only";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import type { Viewer } from "@/server/policy/viewer";
import type { ApiScope } from "./api-token-scopes";
import { newApiTokenSecret } from "./token-secret";

/** A person may hold this many live tokens: enough for every script, few enough to review. */
export const MAX_LIVE_TOKENS = 50;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface CreatedApiToken {
  id: string;
  name: string;
  scopes: ApiScope[];
  prefix: string;
  expiresAt: Date | null;
  /** The token itself: returned this once, only its hash is kept. */
  token: string;
}

/**
 * Issues a personal access token to the viewer. `write` implies `read`. A token given a lifetime is
 * refused from then on (authenticate-api-request checks `expires_at`); without one it lasts until revoked.
 */
export async function createApiToken(
  viewer: NonNullable<Viewer>,
  input: { name: string; access: "read" | "write"; expiresInDays?: number | null },
): Promise<CreatedApiToken> {
  const live = await db()
    .$primary()
    .apiToken.count({ where: { userId: viewer.id, revokedAt: null } });
  if (live >= MAX_LIVE_TOKENS) {
    throw new AppError("conflict", `You have ${MAX_LIVE_TOKENS} tokens. Revoke one you no longer use first.`);
  }
  const scopes: ApiScope[] = input.access === "write" ? ["read", "write"] : ["read"];
  const secret = newApiTokenSecret();
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * DAY_MS) : null;
  const row = await db().apiToken.create({
    data: {
      userId: viewer.id,
      name: input.name,
      tokenHash: secret.hash,
      prefix: secret.prefix,
      scopes,
      expiresAt,
    },
    select: { id: true, name: true, prefix: true, expiresAt: true },
  });
  return { ...row, scopes, token: secret.token };
}
