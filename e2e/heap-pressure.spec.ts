// The heap watch in a real server: a heap a little above the live set (~175-180 MB once every
// route's code is loaded and 8 requests are in flight, measured with this test's pages; ~95 MB idle,
// so 96 MB dies on its first page), caches allowed far more than the heap, and many distinct pages.
// The server answers every request and stays up; the watch reads the heap after full collections
// and sheds the caches whenever one leaves it > 80 % full (counted, reported below).
import { randomUUID } from "node:crypto";
import { addAlbum, addPhotos } from "../src/server/data/albums/album-fixtures";
import { expect, test } from "./support/fixtures";
import { killHard, startServer, type TestServer } from "./support/server";

test.describe.configure({ mode: "serial", timeout: 600_000 });

const PORT = Number(process.env.E2E_HEAP_PORT ?? 3220);
const METRICS_TOKEN = `heap-${randomUUID()}`;
const HEAP_MB = 224;
const PEOPLE = 30;
const CONNECTIONS = 8;
const ROUNDS = 2;

async function metric(server: TestServer, name: string): Promise<number> {
  const res = await fetch(`${server.baseURL}/api/metrics`, {
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
  });
  expect(res.status).toBe(200);
  const text = await res.text();
  return text
    .split("\n")
    .filter((line) => line.startsWith(`${name} `) || line.startsWith(`${name}{`))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(" ") + 1)), 0);
}

test("a heap just above the live set, driven with many distinct pages, is watched and stays up", async ({
  db,
  seedUser,
}) => {
  // Many people, each with a public album of photos: every photostream and album is a page of its own.
  const pages: string[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    const user = await seedUser();
    const album = await addAlbum(db, user.id, { title: `Heap ${i}`, visibility: "PUBLIC" });
    await addPhotos(db, user.id, album, 24);
    pages.push(`/people/${user.handle}`, `/albums/${album}`);
  }

  const server = await startServer(PORT, {
    PINHOLE_HEAP_MB: String(HEAP_MB),
    // Caches allowed far more than the heap: only the heap watch keeps them from taking it all.
    PAGE_CACHE_MAX_MB: "1024",
    MEDIA_CACHE_MAX_MB: "1024",
    METRICS_TOKEN,
  });
  try {
    const failures: string[] = [];
    let answered = 0;
    let next = 0;
    const queue = Array.from({ length: ROUNDS }, () => pages).flat();
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (next < queue.length && server.process.exitCode === null) {
          const url = queue[next++]!;
          try {
            const res = await fetch(`${server.baseURL}${url}`);
            await res.arrayBuffer();
            if (res.status === 200) answered++;
            else failures.push(`${res.status} ${url}`);
          } catch (error) {
            failures.push(`${url}: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
      }),
    );
    expect(server.process.exitCode, "the server died").toBeNull();
    expect(server.process.signalCode, "the server was killed").toBeNull();
    expect(failures.slice(0, 5)).toEqual([]);
    expect(answered).toBe(queue.length);
    // The watch ran on the server's full collections and saw the limit it was started with.
    const limit = await metric(server, 'pinhole_heap_after_full_gc_bytes{of="limit"}');
    expect(limit).toBeGreaterThan(HEAP_MB * 2 ** 20);
    expect(limit).toBeLessThan((HEAP_MB + 64) * 2 ** 20);
    const live = await metric(server, 'pinhole_heap_after_full_gc_bytes{of="used"}');
    expect(live).toBeGreaterThan(0);
    const cached = await metric(server, "pinhole_cache_bytes");
    const episodes = await metric(server, "pinhole_heap_pressure_episodes_total");
    const shed = await metric(server, "pinhole_cache_shed_bytes_total");
    test.info().annotations.push({
      type: "memory",
      description: `${answered} pages; live heap ${(live / 2 ** 20).toFixed(0)} of ${(limit / 2 ** 20).toFixed(0)} MiB; caches hold ${(cached / 2 ** 20).toFixed(1)} MiB; ${episodes} shedding episodes gave back ${(shed / 2 ** 20).toFixed(1)} MiB`,
    });
  } finally {
    await killHard(server);
  }
});
