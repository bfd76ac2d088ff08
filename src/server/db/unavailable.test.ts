import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";
import { testDatabaseUrl } from "../../../test/support/db";
import { isDatabaseUnavailable } from "./unavailable";

// Real errors from Prisma on the pg adapter, as the app's client raises them.
const client = (url: string) =>
  new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 1 }) });
const live = client(testDatabaseUrl());
afterAll(() => live.$disconnect());

describe("isDatabaseUnavailable", () => {
  it("is true when nothing listens on the database's port", async () => {
    const dead = client("postgresql://postgres@127.0.0.1:1/pinhole");
    const error: unknown = await dead.$queryRaw`SELECT 1`.catch((e: unknown) => e);
    await dead.$disconnect();
    expect(error).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it("is true when the server ends the connection (what a restart does to open connections)", async () => {
    const error: unknown = await live.$queryRaw`SELECT pg_terminate_backend(pg_backend_pid())`.catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(error)).toBe(true);
    // The pool drops the dead connection and the next query gets a new one.
    expect(await live.$queryRaw<{ n: number }[]>`SELECT 1 AS n`).toEqual([{ n: 1 }]);
  });

  it("is false for a query the database refused", async () => {
    const error: unknown = await live.$queryRaw`SELECT * FROM no_such_table`.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
