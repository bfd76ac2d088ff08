// SECURITY.md 37 (issue 19, finding 6) over HTTP against the production build: anonymous clients ask
// for a public HEIC's original for others at once, and for many such photos at once. The copy is made
// once and stored; past the request queue's bound the answer is 503 with Retry-After, and the server
// keeps serving. Its own server (this helper's port 3423), so the flood fills no other test's queue.
import { E2E_METRICS_TOKEN } from "./support/metrics-token";
import { expect, test } from "./support/fixtures";
import { signedInContext } from "./support/security";
import { killHard, startServer } from "./support/server";
import { fixture, postUpload, waitForProcessed } from "./support/uploads";

test.describe.configure({ timeout: 300_000 });

const PORT = 3423;
// src/server/media/shared-original.ts: two makings at once, eight waiting.
const QUEUE_BOUND = 2 + 8;

async function madeOnRequest(baseURL: string): Promise<number> {
  const res = await fetch(`${baseURL}/api/metrics`, {
    headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` },
  });
  const line = (await res.text())
    .split("\n")
    .find((l) => l.startsWith('pinhole_shared_originals_made_total{where="request"}'));
  return line ? Number(line.split(" ").at(-1)) : 0;
}

test("a HEIC's original for others is made once for concurrent anonymous requests; a flood past the bound gets 503 + Retry-After", async ({
  playwright,
  seedUser,
  db,
}) => {
  const server = await startServer(PORT, { METRICS_TOKEN: E2E_METRICS_TOKEN });
  try {
    const owner = await seedUser();
    const ownerContext = await signedInContext(playwright, server.baseURL, owner);
    const res = await postUpload(
      ownerContext,
      server.baseURL,
      await fixture("heic", "IMG_5195.HEIC"),
      "IMG_5195.HEIC",
    );
    expect(res.status(), await res.text()).toBe(201);
    const { photo } = (await res.json()) as { photo: { id: string } };
    expect((await waitForProcessed(db, photo.id)).status).toBe("READY");
    await ownerContext.dispose();
    // Public, downloads allowed, straight in the database: no job makes the copy ahead of the visitors.
    const secret = (
      await db.query<{ media_secret: string }>(
        "UPDATE photos SET visibility = 'PUBLIC', allow_original = true WHERE id = $1 RETURNING media_secret",
        [photo.id],
      )
    ).rows[0]!.media_secret;
    // More public HEIC photos on the same stored original, none of whose copies exist yet.
    const { rows: copies } = await db.query<{ id: string; media_secret: string }>(
      `INSERT INTO photos (owner_id, album_id, visibility, status, allow_original, original_key, original_name,
                           mime_type, byte_size, sha256, width, height)
       SELECT owner_id, album_id, 'PUBLIC', 'READY', true, original_key, original_name, mime_type, byte_size,
              md5(random()::text || n), width, height
         FROM photos, generate_series(1, ${QUEUE_BOUND + 4}) AS n WHERE id = $1
       RETURNING id, media_secret`,
      [photo.id],
    );
    const originalOf = (p: { id: string; media_secret: string }) =>
      `${server.baseURL}/media/${p.id}/${p.media_secret}/original`;

    // Eight anonymous clients at once for the same photo: one decode and encode, the same bytes to all.
    const before = await madeOnRequest(server.baseURL);
    const same = await Promise.all(
      Array.from({ length: 8 }, () => fetch(originalOf({ id: photo.id, media_secret: secret }))),
    );
    expect(same.map((r) => r.status)).toEqual(same.map(() => 200));
    const bodies = await Promise.all(same.map(async (r) => Buffer.from(await r.arrayBuffer())));
    expect(bodies.every((b) => b.equals(bodies[0]!))).toBe(true);
    expect(same[0]!.headers.get("content-type")).toBe("image/jpeg");
    expect((await madeOnRequest(server.baseURL)) - before).toBe(1);
    const { rows: stored } = await db.query<{ shared_original_key: string | null }>(
      "SELECT shared_original_key FROM photos WHERE id = $1",
      [photo.id],
    );
    expect(stored[0]!.shared_original_key).toMatch(/\/shared\/.+\.jpg$/);
    // Asked again, it comes from the store: nothing is made.
    expect((await fetch(originalOf({ id: photo.id, media_secret: secret }))).status).toBe(200);
    expect((await madeOnRequest(server.baseURL)) - before).toBe(1);

    // A flood of distinct photos: the bound is made (two at a time), the rest told to come back.
    const flood = await Promise.all(copies.map((p) => fetch(originalOf(p))));
    const statuses = flood.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(QUEUE_BOUND);
    const refused = flood.filter((r) => r.status === 503);
    expect(refused).toHaveLength(4);
    for (const r of refused) {
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(r.headers.get("cache-control")).toBe("no-store");
    }
    await Promise.all(flood.map((r) => r.arrayBuffer()));

    // The server is up and serving: a page, and the refused photos when asked again.
    expect((await fetch(`${server.baseURL}/sign-in`)).status).toBe(200);
    const retried = await Promise.all(
      copies.filter((_, i) => statuses[i] === 503).map((p) => fetch(originalOf(p))),
    );
    expect(retried.map((r) => r.status)).toEqual([200, 200, 200, 200]);
  } finally {
    await killHard(server);
  }
});
