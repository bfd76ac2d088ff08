import "server-only";
import { requestInfo } from "@/server/auth/request-info";
import { db } from "@/server/db/client";
import { type ApiScope, scopesOf } from "@/server/data/api-tokens/api-token-scopes";
import { hashApiToken, looksLikeApiToken } from "@/server/data/api-tokens/token-secret";
import { AppError } from "@/server/errors/app-error";
import type { Viewer } from "@/server/policy/viewer";

/** Who is calling the public API: a token's owner, or nobody (public data only). */
export type ApiCaller =
  | {
      kind: "token";
      viewer: NonNullable<Viewer>;
      user: { id: string; handle: string; displayName: string; email: string; bio: string; createdAt: Date };
      token: { id: string; name: string; scopes: ApiScope[] };
      address: string;
    }
  | { kind: "anonymous"; viewer: null; address: string };

// The last-used time is written at most this often per token: one UPDATE a minute, not one a request.
const LAST_USED_GRANULARITY_MS = 60_000;

/**
 * Reads `Authorization: Bearer ph_…`. No header: the anonymous caller. A header that names no live
 * token (unknown, revoked, expired, malformed): 401, never a silent downgrade to anonymous, so a
 * script with a dead token fails loudly. Cookies are ignored: the API has no ambient credentials,
 * which is also why its state-changing routes need no CSRF check.
 */
export async function authenticateApiRequest(request: Request): Promise<ApiCaller> {
  const address = requestInfo(request.headers).ip || "unknown";
  const header = request.headers.get("authorization");
  if (header === null) return { kind: "anonymous", viewer: null, address };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match || !looksLikeApiToken(match[1]!)) throw unauthorized();
  const row = await db()
    .$primary()
    .apiToken.findUnique({
      where: { tokenHash: hashApiToken(match[1]!) },
      select: {
        id: true,
        name: true,
        scopes: true,
        revokedAt: true,
        expiresAt: true,
        lastUsedAt: true,
        user: {
          select: {
            id: true,
            role: true,
            handle: true,
            displayName: true,
            email: true,
            bio: true,
            createdAt: true,
          },
        },
      },
    });
  const now = Date.now();
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= now)) throw unauthorized();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() >= LAST_USED_GRANULARITY_MS) {
    await db().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
  }
  const { user } = row;
  return {
    kind: "token",
    viewer: { id: user.id, role: user.role },
    user: {
      id: user.id,
      handle: user.handle,
      displayName: user.displayName,
      email: user.email,
      bio: user.bio,
      createdAt: user.createdAt,
    },
    token: { id: row.id, name: row.name, scopes: scopesOf(row.scopes) },
    address,
  };
}

/** Throws unless the caller's token grants `scope` (anonymous callers: 401, a narrower token: 403). */
export function requireScope(
  caller: ApiCaller,
  scope: ApiScope,
): asserts caller is Extract<ApiCaller, { kind: "token" }> {
  if (caller.kind === "anonymous") {
    throw new AppError("unauthorized", "Send a personal access token: Authorization: Bearer ph_…");
  }
  if (!caller.token.scopes.includes(scope)) {
    throw new AppError("forbidden", `This token does not have the ${scope} scope`);
  }
}

function unauthorized(): AppError {
  return new AppError("unauthorized", "That access token is not valid (unknown, revoked or expired)");
}
