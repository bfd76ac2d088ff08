import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { env } from "@/env";
import { StartupError } from "./errors";

function createClient() {
  const url = env().DATABASE_URL;
  if (!url) {
    throw new StartupError(
      "DATABASE_URL is not set: start Pinhole with `npm run dev` or `npm start` (they start the embedded PostgreSQL), or set DATABASE_URL",
    );
  }
  // No JIT: PostgreSQL compiles any query the planner guesses is costly (a search over a million
  // photos), which adds tens of milliseconds of LLVM to queries that then run in a few.
  const adapter = new PrismaPg({ connectionString: url, max: 10, options: "-c jit=off" });
  // Secrets are left out of every query unless a caller asks for them by name.
  return new PrismaClient({
    adapter,
    // Every other query waits for a pooled connection as long as it takes; a transaction gave up
    // after Prisma's default 2 s and failed the upload (a 500) whenever a burst held the pool (the
    // `load` benchmark: 12 of 58 uploads). It waits like the rest, up to 10 s.
    transactionOptions: { maxWait: 10_000, timeout: 15_000 },
    omit: {
      user: { passwordHash: true },
      shareLink: { passwordHash: true },
      apiToken: { tokenHash: true },
    },
  });
}

export type Db = ReturnType<typeof createClient>;

// One client per process: Next's dev server re-evaluates modules, so keep it on globalThis.
const globalForDb = globalThis as unknown as { pinholeDb?: Db };

export function db(): Db {
  globalForDb.pinholeDb ??= createClient();
  return globalForDb.pinholeDb;
}
