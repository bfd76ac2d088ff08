// Finding PostgreSQL's own client tools of a server's major version (npm run backup / restore).
import { describe, expect, it } from "vitest";
import { ensureSystemTool } from "../../../test/support/system-tools";
import { testDatabaseUrl } from "../../../test/support/db";
import { StartupError } from "./errors";
import { findPgTool, serverMajor, toolConnection } from "./pg-tools";

describe("findPgTool", () => {
  it("finds pg_dump and pg_restore of the test server's major", async ({ skip }) => {
    const major = await serverMajor(testDatabaseUrl(), "DATABASE_URL");
    const tool = ensureSystemTool({
      command: "pg_dump",
      debianPackage: `postgresql-client-${major}`,
      paths: [`/usr/lib/postgresql/${major}/bin/pg_dump`],
    });
    if (!tool.found) skip(tool.reason);
    expect(findPgTool("pg_dump", major)).toMatch(/pg_dump$/);
    expect(findPgTool("pg_restore", major)).toMatch(/pg_restore$/);
  });

  it("names the package to install when no tool of that major is there, in one line", () => {
    let error: unknown;
    try {
      findPgTool("pg_dump", 99);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StartupError);
    const message = (error as Error).message;
    expect(message).toMatch(/^pg_dump for PostgreSQL 99 is not installed.*: install postgresql-client-99 /);
    expect(message).not.toContain("\n");
  });
});

describe("toolConnection", () => {
  it("keeps the password off the command line", () => {
    const { dbname, env } = toolConnection(
      "postgresql://pinhole:s%40cret@db.example:6432/photos?sslmode=require",
    );
    expect(dbname).toBe("postgresql://pinhole@db.example:6432/photos?sslmode=require");
    expect(env.PGPASSWORD).toBe("s@cret");
  });
});
