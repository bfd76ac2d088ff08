import "server-only";
import { db } from "@/server/db/client";
import { attachInvitations } from "@/server/data/access/invite-by-email";
import { createUser } from "@/server/data/create-user";

export interface OAuthIdentity {
  provider: string;
  providerAccountId: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  login: string | null;
}

export type OAuthResolution =
  | { ok: true; userId: string; created: boolean }
  | { ok: false; error: "OAuthAccountNotLinked" | "OAuthNoEmail" };

/**
 * Maps a provider identity to a Pinhole user. A known identity signs in its user. An unknown one
 * whose email already belongs to an account is refused, verified or not: linking happens only from a
 * signed-in session, so nobody can take over an account by controlling a provider's email claim.
 */
export async function resolveOAuthIdentity(identity: OAuthIdentity): Promise<OAuthResolution> {
  const linked = await db()
    .$primary()
    .account.findUnique({
      where: {
        provider_providerAccountId: {
          provider: identity.provider,
          providerAccountId: identity.providerAccountId,
        },
      },
      select: { userId: true },
    });
  if (linked) return { ok: true, userId: linked.userId, created: false };

  const email = identity.email?.trim().toLowerCase();
  if (!email) return { ok: false, error: "OAuthNoEmail" };
  const existing = await db()
    .$primary()
    .user.findUnique({ where: { email }, select: { id: true } });
  if (existing) return { ok: false, error: "OAuthAccountNotLinked" };

  const handle = await freeHandle(identity.login ?? identity.name ?? email.split("@")[0] ?? "user");
  const user = await createUser({
    email,
    handle,
    displayName: (identity.name ?? identity.login ?? handle).slice(0, 60),
    emailVerified: identity.emailVerified ? new Date() : null,
    account: { provider: identity.provider, providerAccountId: identity.providerAccountId },
  });
  // Shares waiting for the address go only to an account whose provider vouches for it.
  if (identity.emailVerified) await attachInvitations(db(), user.id, email);
  return { ok: true, userId: user.id, created: true };
}

async function freeHandle(seed: string): Promise<string> {
  const base =
    seed
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, "-")
      .replace(/^[-_]+|[-_]+$/g, "")
      .slice(0, 24) || "user";
  const padded = base.length < 3 ? `${base}-user` : base;
  for (let i = 0; i < 20; i++) {
    const candidate = i === 0 ? padded : `${padded}-${Math.floor(Math.random() * 10_000)}`;
    const taken = await db()
      .$primary()
      .user.findUnique({ where: { handle: candidate }, select: { id: true } });
    if (!taken) return candidate;
  }
  return `${padded}-${crypto.randomUUID().slice(0, 8)}`;
}
