import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db, type DbTransaction } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { hashPassword } from "@/server/auth/password";

export interface NewUser {
  email: string;
  handle: string;
  displayName: string;
  /** Omitted for accounts that sign in only through an OAuth provider. */
  password?: string;
  emailVerified?: Date | null;
  /** An OAuth identity to link to the new account. */
  account?: { provider: string; providerAccountId: string };
}

export const DEFAULT_ALBUM_TITLE = "Photostream";

// Any fixed number, unique among the app's advisory locks: serialises the "is this the first
// account?" question between concurrent sign-ups.
const FIRST_ACCOUNT_LOCK = 7_461_001;

/**
 * Creates a user with their default album, in one transaction. Input must already be validated.
 * The very first account becomes an admin (a fresh install needs a moderator); every later one is a
 * user, and `pinhole admin <handle>` makes more.
 */
export async function createUser(input: NewUser): Promise<{ id: string }> {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  try {
    return await db().$transaction(async (tx) => {
      const role = (await isFirstAccount(tx)) ? "ADMIN" : "USER";
      const user = await tx.user.create({
        data: {
          role,
          email: input.email,
          handle: input.handle,
          displayName: input.displayName,
          passwordHash,
          emailVerified: input.emailVerified ?? null,
          accounts: input.account ? { create: input.account } : undefined,
        },
        select: { id: true },
      });
      await tx.album.create({
        data: { ownerId: user.id, title: DEFAULT_ALBUM_TITLE, isDefault: true },
      });
      return user;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const target = JSON.stringify(error.meta ?? {});
      if (target.includes("email")) {
        throw new AppError("conflict", "An account with this email already exists. Sign in instead?", {
          field: "email",
          cause: error,
        });
      }
      if (target.includes("handle")) {
        throw new AppError("conflict", "That handle is taken; choose another", {
          field: "handle",
          cause: error,
        });
      }
    }
    throw error;
  }
}

// Decided in the database, race-safe: once anyone exists the answer is no without a lock; while
// nobody does, sign-ups take turns on a transaction-scoped lock and ask again, so of two concurrent
// first sign-ups the second sees the first's committed row (each statement reads the latest commits).
async function isFirstAccount(tx: DbTransaction): Promise<boolean> {
  if (await tx.user.findFirst({ select: { id: true } })) return false;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FIRST_ACCOUNT_LOCK}::bigint)`;
  return !(await tx.user.findFirst({ select: { id: true } }));
}
