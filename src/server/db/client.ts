import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { readReplicas } from "@prisma/extension-read-replicas";
import { Prisma, PrismaClient } from "@/generated/prisma/client";
import { env } from "@/env";
import type { Viewer } from "@/server/policy/viewer";
import { metrics } from "@/server/metrics/registry";
import { pgPool } from "./pool";

// Secrets are left out of every query unless a caller asks for them by name. Replicas get the same
// list: a read routed to one must never return more than the primary would.
const omit = {
  user: { passwordHash: true },
  shareLink: { passwordHash: true },
  apiToken: { tokenHash: true },
} as const;

// A replica that failed to answer is skipped for this long (its reads go to the primary), then tried again.
const REPLICA_RETRY_AFTER_MS = 5_000;

// JIT is turned off for the database by the migrator (src/server/db/migrate.ts), not per connection:
// PgBouncer refuses the `options` startup parameter that `-c jit=off` would need.
function connect(pool: ConstructorParameters<typeof PrismaPg>[0]) {
  const adapter = new PrismaPg(pool);
  const client = new PrismaClient({
    adapter,
    omit,
    // Every other query waits for a pooled connection as long as it takes; a transaction gave up
    // after Prisma's default 2 s and failed the upload (a 500) whenever a burst held the pool (the
    // `load` benchmark: 12 of 58 uploads). It waits like the rest, up to 10 s.
    transactionOptions: { maxWait: 10_000, timeout: 15_000 },
    // Query events carry each statement's duration: pinhole_db_query_duration_seconds.
    log: [{ emit: "event", level: "query" }],
  });
  const histogram = metrics().dbQueryDuration;
  client.$on("query", (event) => {
    histogram.observe({ statement: statementOf(event.query) }, Number(event.duration) / 1000);
  });
  return client;
}

type Client = ReturnType<typeof connect>;

/**
 * A replica whose reads fall back to the primary when it cannot answer (down, unreachable, or a
 * query cancelled by recovery conflicts): reads are idempotent, so asking the primary again is
 * always safe, and the site keeps working with every replica gone.
 */
function withFallback(replica: Client, primary: Client) {
  let downUntil = 0;
  return replica.$extends({
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          // The primary answers the same call: the extension only sends model reads here.
          const onPrimary = () =>
            (primary as unknown as Record<string, Record<string, (a: unknown) => Promise<unknown>>>)[
              model.charAt(0).toLowerCase() + model.slice(1)
            ]![operation]!(args);
          if (Date.now() < downUntil) return onPrimary();
          try {
            return await query(args);
          } catch (error) {
            // "No such row" from a …OrThrow read is an answer, not a failure.
            if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") throw error;
            // A malformed query fails the same way everywhere: the replica is not at fault.
            if (error instanceof Prisma.PrismaClientValidationError) throw error;
            downUntil = Date.now() + REPLICA_RETRY_AFTER_MS;
            console.warn(
              `pinhole: a read replica failed (${error instanceof Error ? error.message : String(error)}); reading from the primary for ${REPLICA_RETRY_AFTER_MS / 1000} s`,
            );
            return onPrimary();
          }
        },
      },
    },
  });
}

function createClient() {
  const { DATABASE_REPLICA_URLS: replicaUrls, DATABASE_POOL_SIZE: max } = env();
  // The process's one pool (shared with the page cache and the job engine).
  const primary = connect(pgPool());
  if (replicaUrls.length === 0) {
    // No routing to do: skip the extension, which sends every model read through Prisma's pipeline
    // a second time. Same API (`$primary()` and `$replica()` are the primary), so one type for both.
    const direct = primary.$extends({ client: { $primary: () => primary, $replica: () => primary } });
    return direct as unknown as ReturnType<typeof withReplicas>;
  }
  // A replica that does not accept a connection within 2 s counts as down.
  return withReplicas(
    primary,
    replicaUrls.map((r) =>
      withFallback(connect({ connectionString: r, max, connectionTimeoutMillis: 2_000 }), primary),
    ),
  );
}

const STATEMENTS = new Set(["select", "insert", "update", "delete"]);

// The label is the statement's first word, never the SQL itself: a handful of values.
function statementOf(sql: string): string {
  const word = /^\s*(\w+)/.exec(sql)?.[1]?.toLowerCase() ?? "other";
  return STATEMENTS.has(word) ? word : "other";
}

function withReplicas(primary: Client, replicas: ReturnType<typeof withFallback>[]) {
  return primary.$extends(readReplicas({ replicas }));
}

/**
 * The one database client. Routing (DATABASE_REPLICA_URLS set):
 * - model reads (findMany, findFirst, count, …) outside a transaction go to a replica;
 * - writes, `$transaction`s and all raw SQL (`$queryRaw`, `$executeRaw`: the extension cannot tell a
 *   read from a write) go to the primary;
 * - read-your-own-writes: reads for a signed-in person use `dbFor(viewer)` (the primary); code that
 *   must see a write just made elsewhere (jobs, sign-in, share-link resolution) uses `db().$primary()`.
 */
export type Db = ReturnType<typeof createClient>;

/** The `tx` of `db().$transaction(async (tx) => …)`, for helpers that run inside one. */
export type DbTransaction = Parameters<Extract<Parameters<Db["$transaction"]>[0], (tx: never) => unknown>>[0];

/** A client that reads and writes the primary only: `db().$primary()` or `dbFor(signed-in viewer)`. */
export type PrimaryDb = Omit<Db, "$primary" | "$replica">;

// One client per process: Next's dev server re-evaluates modules, so keep it on globalThis.
const globalForDb = globalThis as unknown as { pinholeDb?: Db };

export function db(): Db {
  globalForDb.pinholeDb ??= createClient();
  return globalForDb.pinholeDb;
}

/**
 * The client for a viewer's reads. Anonymous visitors (most traffic, and nobody's own writes to
 * see) read from the replicas; a signed-in person reads from the primary, so what they just
 * uploaded, edited or made private is what their next page shows, whatever the replicas' lag.
 * A read that decides whether anyone may see a photo, album or comment uses `db().$primary()`
 * instead, whoever asks: a lagging replica would still grant what was just made private.
 */
export function dbFor(viewer: Viewer): PrimaryDb {
  return viewer ? db().$primary() : db();
}
