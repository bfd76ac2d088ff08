// Database helpers for test files. The URLs come from test/support/global-setup.ts via inject().
import { inject } from "vitest";
import { createDatabaseOn, type ScratchDatabase } from "./scratch";

export { withClient, type ScratchDatabase } from "./scratch";

/** The run's migrated test database (shared by all test files: use unique values in each test). */
export function testDatabaseUrl(): string {
  return inject("testDatabaseUrl");
}

/** Another empty database on the test server, e.g. for migrator tests. Call `drop()` when done. */
export function createScratchDatabase(): Promise<ScratchDatabase> {
  return createDatabaseOn(inject("testServerUrl"));
}
