import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import { headers } from "next/headers";
import { env } from "@/env";
import { logger } from "@/server/log/logger";
import { checkCredentials } from "./credentials";
import { resolveOAuthIdentity } from "./oauth-link";
import { requestInfo } from "./request-info";
import { rememberSessionLookupFailure } from "./session-lookup-failure";
import {
  createSession,
  loadSessionUser,
  revokeSession,
  SESSION_MAX_AGE_S,
  type SessionUser,
} from "./sessions";

declare module "next-auth" {
  interface User {
    /** Set by the credentials provider, which creates the session row itself. */
    sessionId?: string;
  }
  interface Session {
    sessionId: string;
    account: SessionUser;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    sid?: string;
    account?: SessionUser;
  }
}

export class RateLimitedSignin extends CredentialsSignin {
  code = "rate_limited";
}

function providers(): NextAuthConfig["providers"] {
  const config = env();
  const list: NextAuthConfig["providers"] = [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const result = await checkCredentials(credentials, request.headers);
        if (result.ok) return result.user;
        if (result.reason === "rate_limited") throw new RateLimitedSignin();
        return null;
      },
    }),
  ];
  if (config.AUTH_GITHUB_ID && config.AUTH_GITHUB_SECRET) {
    list.push(GitHub({ clientId: config.AUTH_GITHUB_ID, clientSecret: config.AUTH_GITHUB_SECRET }));
  }
  if (config.AUTH_OIDC_ISSUER && config.AUTH_OIDC_ID && config.AUTH_OIDC_SECRET) {
    list.push({
      id: "oidc",
      name: config.AUTH_OIDC_NAME,
      type: "oidc",
      issuer: config.AUTH_OIDC_ISSUER,
      clientId: config.AUTH_OIDC_ID,
      clientSecret: config.AUTH_OIDC_SECRET,
    });
  }
  return list;
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: env().AUTH_SECRET,
  // Pinhole runs behind whatever host the operator picks; AUTH_URL pins it when set.
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: providers(),
  logger: {
    // A wrong password is an answer, not a server error; everything else is logged.
    error(error) {
      if (error instanceof CredentialsSignin) return;
      logger().error(
        { err: error, cause: error.cause, component: "auth" },
        `${error.name}: ${error.message}`,
      );
    },
  },
  events: {
    // Auth.js's own POST /api/auth/signout only clears the cookie: its row ends here too, so a copy of
    // the cookie (replayed, stolen) is no session afterwards.
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (token?.sid && token.sub) await revokeSession(token.sub, token.sid);
    },
  },
  callbacks: {
    async signIn({ user, account, profile }) {
      if (!account || account.type === "credentials") return true;
      const result = await resolveOAuthIdentity({
        provider: account.provider,
        providerAccountId: account.providerAccountId,
        email: user.email ?? null,
        // GitHub only returns verified addresses; OIDC says so in a claim.
        emailVerified: account.provider === "github" || profile?.email_verified === true,
        name: user.name ?? null,
        login: typeof profile?.login === "string" ? profile.login : null,
      });
      if (!result.ok) return `/sign-in?error=${result.error}`;
      user.id = result.userId;
      return true;
    },
    // Every read of the session cookie lands here: the cookie is valid only while its row in
    // `sessions` is, which is what makes "sign out everywhere" and revocation immediate.
    async jwt({ token, user, trigger }) {
      if (trigger === "signIn" && user?.id) {
        token.sub = user.id;
        token.sid = user.sessionId ?? (await createSession(user.id, requestInfo(await headers())));
      }
      if (!token.sid || !token.sub) return null;
      const account = await loadSessionUser(token.sid).catch(async (error: unknown) => {
        await rememberSessionLookupFailure(error);
        throw error;
      });
      if (!account || account.id !== token.sub) return null;
      token.account = account;
      token.name = account.displayName;
      token.email = account.email;
      return token;
    },
    async session({ session, token }) {
      if (token.account && token.sid) {
        session.account = token.account;
        session.sessionId = token.sid;
      }
      return session;
    },
  },
}));
