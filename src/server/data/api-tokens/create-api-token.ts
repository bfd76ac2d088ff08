import "server-only";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import type { Viewer } from "@/server/policy/viewer";
import type { ApiScope } from "./api-token-scopes";
import { newApiTokenSecret } from "./token-secret";

/** A person may hold this many live tokens: enough for every script, few enough to review. */
export const MAX_LIVE_TOKENS = 50;

export interface CreatedApiToken {
  id: string;
  name: string;
  scopes: ApiScope[];
  prefix: string;
  /** The token itself: returned this once, only its hash is kept. */
  token: string;
}

/** Issues a personal access token to the viewer. `write` implies `read`. */
export async function createApiToken(
  viewer: NonNullable<Viewer>,
  input: { name: string; access: "read" | "write" },
): Promise<CreatedApiToken> {
  const live = await db()
    .$primary()
    .apiToken.count({ where: { userId: viewer.id, revokedAt: null } });
  if (live >= MAX_LIVE_TOKENS) {
    throw new AppError("conflict", `You have ${MAX_LIVE_TOKENS} tokens. Revoke one you no longer use first.`);
  }
  const scopes: ApiScope[] = input.access === "write" ? ["read", "write"] : ["read"];
  const secret = newApiTokenSecret();
  const row = await db().apiToken.create({
    data: { userId: viewer.id, name: input.name, tokenHash: secret.hash, prefix: secret.prefix, scopes },
    select: { id: true, name: true, prefix: true },
  });
  return { ...row, scopes, token: secret.token };
}
