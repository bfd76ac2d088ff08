import "server-only";
import { db } from "@/server/db/client";
import type { Viewer } from "@/server/policy/viewer";
import { type ApiScope, scopesOf } from "./api-token-scopes";

export interface ApiTokenSummary {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  createdAt: string;
  /** Updated at most once a minute. */
  lastUsedAt: string | null;
  /** Null: lasts until revoked. An expired token is still listed (refused by the API) until revoked. */
  expiresAt: string | null;
}

/** The viewer's live tokens, newest first. Never the token or its hash. */
export async function listApiTokens(viewer: NonNullable<Viewer>): Promise<ApiTokenSummary[]> {
  const rows = await db()
    .$primary()
    .apiToken.findMany({
      where: { userId: viewer.id, revokedAt: null },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: {
        id: true,
        name: true,
        prefix: true,
        scopes: true,
        createdAt: true,
        lastUsedAt: true,
        expiresAt: true,
      },
    });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: scopesOf(row.scopes),
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
  }));
}
