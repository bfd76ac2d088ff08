import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { env } from "@/env";
import { metrics } from "@/server/metrics/registry";
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
  const client = new PrismaClient({
    adapter,
    omit: {
      user: { passwordHash: true },
      shareLink: { passwordHash: true },
      apiToken: { tokenHash: true },
    },
    // Query events carry each statement's duration: pinhole_db_query_duration_seconds.
    log: [{ emit: "event", level: "query" }],
  });
  const histogram = metrics().dbQueryDuration;
  client.$on("query", (event) => {
    histogram.observe({ statement: statementOf(event.query) }, Number(event.duration) / 1000);
  });
  return client;
}

const STATEMENTS = new Set(["select", "insert", "update", "delete"]);

// The label is the statement's first word, never the SQL itself: a handful of values.
function statementOf(sql: string): string {
  const word = /^\s*(\w+)/.exec(sql)?.[1]?.toLowerCase() ?? "other";
  return STATEMENTS.has(word) ? word : "other";
}

export type Db = ReturnType<typeof createClient>;

// One client per process: Next's dev server re-evaluates modules, so keep it on globalThis.
const globalForDb = globalThis as unknown as { pinholeDb?: Db };

export function db(): Db {
  globalForDb.pinholeDb ??= createClient();
  return globalForDb.pinholeDb;
}
