import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
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

/** Creates a user with their default album, in one transaction. Input must already be validated. */
export async function createUser(input: NewUser): Promise<{ id: string }> {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  try {
    return await db().$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
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
