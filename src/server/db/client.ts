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
