// Read replicas against a real streaming replica: a PostgreSQL 15 primary and a standby made with
// pg_basebackup -R (test/support/pg-replica.ts). Replay is paused on the replica to make the routing
// visible: a read that went to the replica does not see a write the primary has.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { seedUser, type SeededUser } from "../../../prisma/seed/users";
import {
  replicaUnavailableReason,
  startReplicaPair,
  type ReplicaPair,
} from "../../../test/support/pg-replica";
import { migrate } from "./migrate";

const unavailable = replicaUnavailableReason();
const title = unavailable
  ? `read replicas (skipped: ${unavailable})`
  : "read replicas (a real PostgreSQL 15 streaming replica)";

describe.skipIf(unavailable !== null)(title, () => {
  let pair: ReplicaPair;
  let client: typeof import("./client");
  let user: SeededUser;

  const onReplica = async (sql: string) => {
    const c = new pg.Client({ connectionString: pair.replicaUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  const displayNameVia = async (which: "routed" | "primary" | "anonymous" | "signed-in") => {
    const { db, dbFor } = client;
    const target =
      which === "routed"
        ? db()
        : which === "primary"
          ? db().$primary()
          : dbFor(which === "anonymous" ? null : { id: user.id, role: "USER" });
    const row = await target.user.findUnique({ where: { id: user.id }, select: { displayName: true } });
    return row?.displayName;
  };

  beforeAll(async () => {
    pair = await startReplicaPair();
    await migrate(pair.primaryUrl);
    const pool = new pg.Pool({ connectionString: pair.primaryUrl, max: 1 });
    user = await seedUser(pool, { displayName: "Before" });
    await pool.end();
    await pair.catchUp();
    // The app's own client, configured as a deployment would be.
    process.env.DATABASE_URL = pair.primaryUrl;
    process.env.DATABASE_REPLICA_URLS = pair.replicaUrl;
    client = await import("./client");
    // Two clusters made and the schema migrated: ~10 s on a quiet machine, more under CI's load.
  }, 120_000);

  const envBefore = { ...process.env };
  afterAll(async () => {
    await client?.db().$disconnect();
    await pair?.destroy();
    process.env = envBefore;
  });

  it("sends raw SQL to the primary (the extension cannot tell reads from writes), and $replica() to the standby", async () => {
    const { db } = client;
    const [primary] = await db().$queryRaw<{ standby: boolean }[]>`SELECT pg_is_in_recovery() AS standby`;
    expect(primary?.standby).toBe(false);
    // So writes by raw SQL (the job claim's UPDATE … RETURNING, the counters) work: a standby refuses them.
    const updated = await db().$queryRaw<{ id: string }[]>`
      UPDATE users SET bio = bio WHERE id = ${user.id}::uuid RETURNING id`;
    expect(updated).toEqual([{ id: user.id }]);
    const [replica] = await db().$replica().$queryRaw<
      { standby: boolean }[]
    >`SELECT pg_is_in_recovery() AS standby`;
    expect(replica?.standby).toBe(true);
  });

  it("routes model reads to the replica, writes to the primary, and a signed-in viewer's reads to the primary", async () => {
    const { db } = client;
    await onReplica("SELECT pg_wal_replay_pause()");
    try {
      await db().user.update({ where: { id: user.id }, data: { displayName: "After" } });
      // The replica has not replayed the update: a read it answered shows the old name.
      expect(await displayNameVia("routed")).toBe("Before");
      expect(await displayNameVia("anonymous")).toBe("Before");
      // Read-your-own-writes: the primary, directly or as the signed-in person.
      expect(await displayNameVia("primary")).toBe("After");
      expect(await displayNameVia("signed-in")).toBe("After");
      // A transaction runs on the primary, reads included.
      const inTx = await db().$transaction((tx) =>
        tx.user.findUnique({ where: { id: user.id }, select: { displayName: true } }),
      );
      expect(inTx?.displayName).toBe("After");
    } finally {
      await onReplica("SELECT pg_wal_replay_resume()");
    }
    await pair.catchUp();
    expect(await displayNameVia("routed")).toBe("After");
  });

  it("never shows an anonymous visitor a photo or album made private while the replica lags", async () => {
    const { db } = client;
    const { getPhoto } = await import("@/server/data/get-photo");
    const { getAlbum } = await import("@/server/data/albums/get-album");
    const album = await db().album.create({
      data: { ownerId: user.id, title: "Trams", visibility: "PUBLIC" },
      select: { id: true },
    });
    const photo = await db().photo.create({
      data: {
        ownerId: user.id,
        albumId: album.id,
        title: "Tram 28",
        description: "Alfama, before the crowds",
        visibility: "PUBLIC",
        status: "READY",
        originalKey: `k/${crypto.randomUUID()}`,
        originalName: "IMG_0001.jpg",
        mimeType: "image/jpeg",
        byteSize: 1000n,
        sha256: crypto.randomUUID(),
      },
      select: { id: true },
    });
    await pair.catchUp();
    expect((await getPhoto(null, photo.id))?.title).toBe("Tram 28");
    expect((await getAlbum(null, album.id))?.title).toBe("Trams");

    await onReplica("SELECT pg_wal_replay_pause()");
    try {
      await db().album.update({ where: { id: album.id }, data: { visibility: "PRIVATE" } });
      await db().photo.update({ where: { id: photo.id }, data: { visibility: "PRIVATE" } });
      // The replica still has them public: a routed read would show them…
      const stale = await db().photo.findUnique({ where: { id: photo.id }, select: { visibility: true } });
      expect(stale?.visibility).toBe("PUBLIC");
      // …but the photo and album pages' data functions decide on the primary.
      expect(await getPhoto(null, photo.id)).toBeNull();
      expect(await getAlbum(null, album.id)).toBeNull();
      // The owner still sees both.
      const ownerViewer = { id: user.id, role: "USER" as const };
      expect((await getPhoto(ownerViewer, photo.id))?.visibility).toBe("PRIVATE");
      expect((await getAlbum(ownerViewer, album.id))?.visibility).toBe("PRIVATE");
    } finally {
      await onReplica("SELECT pg_wal_replay_resume()");
    }
    await pair.catchUp();
  });

  it("leaves secrets out of replica reads as it does on the primary", async () => {
    const row = await client.db().user.findUnique({ where: { id: user.id } });
    expect(row?.id).toBe(user.id);
    expect(row).not.toHaveProperty("passwordHash");
  });

  it("reads from the primary while the replica is down, and from the replica again once it is back", async () => {
    const { db } = client;
    await pair.stopReplica();
    await db().user.update({ where: { id: user.id }, data: { displayName: "While down" } });
    // Only the primary can answer now: the routed read falls back to it instead of failing.
    expect(await displayNameVia("routed")).toBe("While down");
    expect(await displayNameVia("anonymous")).toBe("While down");

    await pair.startReplica();
    await pair.catchUp();
    await onReplica("SELECT pg_wal_replay_pause()");
    try {
      await db().user.update({ where: { id: user.id }, data: { displayName: "Back" } });
      // The replica is skipped for a few seconds after a failure, then asked again: once a routed
      // read shows the paused replica's older name, reads are back on the replica.
      let seen = await displayNameVia("routed");
      for (let i = 0; i < 100 && seen !== "While down"; i++) {
        await new Promise((r) => setTimeout(r, 200));
        seen = await displayNameVia("routed");
      }
      expect(seen).toBe("While down");
      expect(await displayNameVia("primary")).toBe("Back");
    } finally {
      await onReplica("SELECT pg_wal_replay_resume()");
    }
  });
});
