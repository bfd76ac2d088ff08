// The migrated schema on the run's test database: the generated Prisma client works through the pg
// adapter, and the rules the migration adds by hand (CHECKs, partial unique index) hold.
import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";
import { testDatabaseUrl } from "../../../test/support/db";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let prisma: InstanceType<typeof PrismaClient>;
let sql: pg.Pool;

beforeAll(() => {
  const connectionString = testDatabaseUrl();
  prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
  sql = new pg.Pool({ connectionString, max: 2 });
});

afterAll(async () => {
  await prisma?.$disconnect();
  await sql?.end();
});

/** Unique per call, so tests never collide with each other or with earlier runs. */
const unique = () => randomBytes(5).toString("hex");

function newUser(label = "user") {
  const id = unique();
  return prisma.user.create({
    data: { email: `${label}-${id}@example.com`, handle: `${label}-${id}`, displayName: `${label} ${id}` },
  });
}

/** The PostgreSQL error a statement fails with (fails the test if it succeeds). */
async function pgError(text: string, values: unknown[]): Promise<{ code?: string; constraint?: string }> {
  try {
    await sql.query(text, values);
  } catch (error) {
    return error as { code?: string; constraint?: string };
  }
  throw new Error(`expected the statement to fail: ${text}`);
}

describe("schema", () => {
  it("stores a user, an album and a photo through the Prisma client and the pg adapter", async () => {
    const user = await newUser("owner");
    const album = await prisma.album.create({
      data: { ownerId: user.id, title: "Holidays", isDefault: true },
    });
    const photo = await prisma.photo.create({
      data: {
        ownerId: user.id,
        albumId: album.id,
        title: "Beach",
        tags: ["sea", "sand"],
        originalKey: `originals/${unique()}.jpg`,
        mimeType: "image/jpeg",
        byteSize: 123_456n,
        sha256: randomBytes(32).toString("hex"),
        exif: { camera: "Pinhole" },
      },
    });

    const found = await prisma.photo.findUniqueOrThrow({
      where: { id: photo.id },
      include: { album: true, owner: true },
    });
    expect(found.album.title).toBe("Holidays");
    expect(found.owner.email).toBe(user.email);
    expect(found.tags).toEqual(["sea", "sand"]);
    expect(found.byteSize).toBe(123_456n);
    expect(found.exif).toEqual({ camera: "Pinhole" });
    expect(found.visibility).toBe("PUBLIC");
    expect(found.status).toBe("PROCESSING");
    expect(found.createdAt).toBeInstanceOf(Date);
  });

  it("gives every row a random (version 4) UUID, not a sequential one", async () => {
    const users = [];
    for (let i = 0; i < 5; i++) users.push(await newUser("uuid"));
    const ids = users.map((u) => u.id);

    for (const id of ids) expect(id).toMatch(UUID_V4);
    // Time-ordered or sequential ids created within a few milliseconds share a long prefix; random
    // ones almost never share even their first 8 hex digits.
    expect(new Set(ids.map((id) => id.slice(0, 8))).size).toBe(ids.length);
  });

  it("refuses an email that is not lower-case", async () => {
    const id = unique();
    const error = await pgError(`INSERT INTO users (email, handle, display_name) VALUES ($1, $2, $3)`, [
      `Mixed-${id}@Example.com`,
      `mixed-${id}`,
      "Mixed",
    ]);
    expect(error).toMatchObject({ code: "23514", constraint: "users_email_lower_check" });

    // And through Prisma, too.
    await expect(
      prisma.user.create({
        data: { email: `UPPER-${id}@EXAMPLE.COM`, handle: `upper-${id}`, displayName: "Upper" },
      }),
    ).rejects.toThrow(/users_email_lower_check/);
  });

  it("allows one default album per owner", async () => {
    const [owner, other] = [await newUser("albums"), await newUser("albums")];
    await prisma.album.create({ data: { ownerId: owner.id, title: "Default", isDefault: true } });
    // Any number of other albums, and other owners' default albums, are fine.
    await prisma.album.create({ data: { ownerId: owner.id, title: "Second" } });
    await prisma.album.create({ data: { ownerId: owner.id, title: "Third" } });
    await prisma.album.create({ data: { ownerId: other.id, title: "Default", isDefault: true } });

    const error = await pgError(
      `INSERT INTO albums (owner_id, title, is_default) VALUES ($1, 'Another default', true)`,
      [owner.id],
    );
    expect(error).toMatchObject({ code: "23505", constraint: "albums_owner_id_default_key" });
    // Prisma reports it as a unique-constraint violation.
    await expect(
      prisma.album.updateMany({ where: { ownerId: owner.id, title: "Second" }, data: { isDefault: true } }),
    ).rejects.toMatchObject({ code: "P2002" });
    expect(await prisma.album.count({ where: { ownerId: owner.id, isDefault: true } })).toBe(1);
  });

  it("requires an access grant to target exactly one photo or one album", async () => {
    const owner = await newUser("grants");
    const grantee = await newUser("grantee");
    const album = await prisma.album.create({ data: { ownerId: owner.id, title: "Shared" } });
    const photo = await prisma.photo.create({
      data: {
        ownerId: owner.id,
        albumId: album.id,
        originalKey: `originals/${unique()}.jpg`,
        mimeType: "image/jpeg",
        byteSize: 1n,
        sha256: randomBytes(32).toString("hex"),
      },
    });

    const insert = `INSERT INTO access_grants (user_id, photo_id, album_id) VALUES ($1, $2, $3)`;
    expect(await pgError(insert, [grantee.id, photo.id, album.id])).toMatchObject({
      code: "23514",
      constraint: "access_grants_one_target_check",
    });
    expect(await pgError(insert, [grantee.id, null, null])).toMatchObject({
      code: "23514",
      constraint: "access_grants_one_target_check",
    });

    await prisma.accessGrant.create({ data: { userId: grantee.id, photoId: photo.id } });
    await prisma.accessGrant.create({ data: { userId: grantee.id, albumId: album.id } });
    expect(await prisma.accessGrant.count({ where: { userId: grantee.id } })).toBe(2);
  });
});
