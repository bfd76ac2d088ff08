// The first account becomes the admin, decided in the database even when two sign-ups race. Runs on
// its own empty database (this file's process has its own Prisma client), since the run's shared
// test database has users from the start.
import { afterAll, describe, expect, it } from "vitest";
import { createScratchDatabase, withClient } from "../../../test/support/db";
import { migrate } from "@/server/db/migrate";

const scratch = await createScratchDatabase();
await migrate(scratch.url);
process.env.DATABASE_URL = scratch.url;
const { createUser } = await import("./create-user");
const { db } = await import("@/server/db/client");

afterAll(async () => {
  await db().$disconnect();
  await scratch.drop();
});

const account = (name: string) => ({
  email: `${name}@example.test`,
  handle: name,
  displayName: name,
  password: "a-long-password-1234",
});

describe("createUser", () => {
  it("makes the first account an admin, and only the first, when several sign up at once", async () => {
    const created = await Promise.all(["ana", "ben", "cy", "dee"].map((n) => createUser(account(n))));
    expect(created).toHaveLength(4);
    const roles = await withClient(scratch.url, async (c) =>
      (await c.query<{ role: string }>("SELECT role FROM users ORDER BY created_at")).rows.map((r) => r.role),
    );
    expect(roles.filter((r) => r === "ADMIN")).toHaveLength(1);
    expect(roles).toHaveLength(4);

    // Later accounts are users, whoever came first.
    const later = await createUser(account("eve"));
    const role = await withClient(
      scratch.url,
      async (c) =>
        (await c.query<{ role: string }>("SELECT role FROM users WHERE id = $1", [later.id])).rows[0]?.role,
    );
    expect(role).toBe("USER");
  });
});
