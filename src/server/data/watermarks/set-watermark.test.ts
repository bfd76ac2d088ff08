import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { seedUser, type SeededUser } from "../../../../prisma/seed/users";
import { testDatabaseUrl } from "../../../../test/support/db";

process.env.DATABASE_URL = testDatabaseUrl();
const { db } = await import("@/server/db/client");
const { photoJobKeyPrefix } = await import("@/server/jobs/enqueue");
const { setWatermark } = await import("./set-watermark");
const { getWatermark } = await import("./get-watermark");

const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
afterAll(async () => {
  await pool.end();
});

const asUser = (u: SeededUser) => ({ id: u.id, role: "USER" as const }) as Parameters<typeof setWatermark>[0];

async function addPhoto(owner: SeededUser, status: "READY" | "PROCESSING", deleted = false) {
  const row = await db().photo.create({
    data: {
      ownerId: owner.id,
      albumId: owner.defaultAlbumId,
      status,
      deletedAt: deleted ? new Date() : null,
      originalKey: `k/${crypto.randomUUID()}`,
      mimeType: "image/jpeg",
      byteSize: 1n,
      sha256: crypto.randomUUID(),
    },
    select: { id: true },
  });
  return row.id;
}

async function queued(owner: SeededUser): Promise<{ photoId: string; newMediaVersion: boolean }[]> {
  const { rows } = await pool.query<{ payload: { photoId: string; newMediaVersion: boolean } }>(
    "SELECT payload FROM graphile_worker._private_jobs WHERE key LIKE $1 ORDER BY key",
    [`${photoJobKeyPrefix(owner.id)}%`],
  );
  return rows.map((r) => ({ photoId: r.payload.photoId, newMediaVersion: r.payload.newMediaVersion }));
}

async function clearQueue(owner: SeededUser) {
  await pool.query("SELECT graphile_worker.remove_job(key) FROM graphile_worker.jobs WHERE key LIKE $1", [
    `${photoJobKeyPrefix(owner.id)}%`,
  ]);
}

describe("setWatermark", () => {
  let owner: SeededUser;
  let ready: string;

  beforeAll(async () => {
    owner = await seedUser(pool);
    ready = await addPhoto(owner, "READY");
    await addPhoto(owner, "PROCESSING");
    await addPhoto(owner, "READY", true);
  });

  it("starts with none", async () => {
    expect(await getWatermark(asUser(owner))).toEqual({ text: "", corner: "BOTTOM_RIGHT", opacity: 50 });
  });

  it("queues a redraw with a new media version for each ready photo, in the same transaction", async () => {
    const count = await setWatermark(asUser(owner), { text: "© Ana", corner: "TOP_LEFT", opacity: 70 });
    expect(count).toBe(1);
    expect(await queued(owner)).toEqual([{ photoId: ready, newMediaVersion: true }]);
    expect(await getWatermark(asUser(owner))).toEqual({ text: "© Ana", corner: "TOP_LEFT", opacity: 70 });
    await clearQueue(owner);
  });

  it("queues nothing when nothing drawn changes", async () => {
    expect(await setWatermark(asUser(owner), { text: "© Ana", corner: "TOP_LEFT", opacity: 70 })).toBe(0);
    expect(await queued(owner)).toEqual([]);
  });

  it("redraws on removal, and a removed watermark's corner or opacity changes nothing", async () => {
    expect(await setWatermark(asUser(owner), { text: "", corner: "TOP_LEFT", opacity: 70 })).toBe(1);
    await clearQueue(owner);
    expect(await setWatermark(asUser(owner), { text: "", corner: "BOTTOM_LEFT", opacity: 20 })).toBe(0);
    expect((await getWatermark(asUser(owner))).text).toBe("");
  });
});
