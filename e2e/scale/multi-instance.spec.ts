// Two app servers behind nginx, sharing one PostgreSQL, one Redis and one S3 store: whatever happens
// through one is what the other serves. Each check talks to a named server (app 1 or app 2) so it is
// about the other instance for certain; the balancer's own checks go through nginx.
import { fixture, waitForProcessed } from "../support/uploads";
import {
  expect,
  listKeys,
  recordedKeys,
  openUnreadStream,
  sha256,
  signedIn,
  test,
  upload,
} from "./support/fixtures";

test.describe.configure({ mode: "serial", timeout: 120_000 });

async function uploaded(baseURL: string, cookie: string, bytes: Buffer, name: string): Promise<string> {
  const res = await upload(baseURL, cookie, bytes, name);
  expect(res.status, res.text).toBe(201);
  return res.photoId!;
}

async function follow(
  browser: import("@playwright/test").Browser,
  baseURL: string,
  follower: Parameters<typeof signedIn>[2],
  handle: string,
) {
  const { context } = await signedIn(browser, baseURL, follower);
  const page = await context.newPage();
  await page.goto(`/people/${handle}`);
  await page.getByRole("button", { name: /^Follow / }).click();
  await expect(page.getByRole("button", { name: /^Following/ })).toBeVisible();
  await context.close();
}

test("the balancer sends requests to both servers, and a session from one is good on the other", async ({
  browser,
  cluster,
  seedUser,
}) => {
  const upstreams = new Set<string>();
  for (let i = 0; i < 8; i++) {
    const res = await fetch(`${cluster.balancerURL}/sign-in`);
    expect(res.status).toBe(200);
    upstreams.add(res.headers.get("x-upstream") ?? "");
  }
  expect([...upstreams].sort()).toEqual(cluster.apps.map((a) => new URL(a.baseURL).host).sort());

  const user = await seedUser();
  const { context, cookie } = await signedIn(browser, cluster.apps[0].baseURL, user);
  const res = await fetch(`${cluster.apps[1].baseURL}/upload`, { headers: { cookie }, redirect: "manual" });
  expect(res.status).toBe(200);
  await context.close();
});

test("an upload through one server is served by the other: page, display sizes and original", async ({
  browser,
  cluster,
  seedUser,
  db,
}) => {
  const [one, two] = cluster.apps;
  const owner = await seedUser();
  const { context, cookie } = await signedIn(browser, one.baseURL, owner);
  const bytes = await fixture("cameras", "Canon_40D.jpg");
  const id = await uploaded(one.baseURL, cookie, bytes, "tram-28.jpg");
  const row = await waitForProcessed(db, id);
  expect(row.status).toBe("READY");

  const page = await fetch(`${two.baseURL}/photos/${id}`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("tram-28");

  const { rows: variants } = await db.query<{ width: number; byte_size: number }>(
    "SELECT width, byte_size FROM photo_variants WHERE photo_id = $1 ORDER BY width",
    [id],
  );
  expect(variants.length).toBeGreaterThanOrEqual(2);
  for (const v of variants) {
    const url = `/media/${id}/${row.media_secret}/w${v.width}.webp`;
    const [fromOne, fromTwo] = await Promise.all(
      [one, two].map(async (app) => {
        const res = await fetch(`${app.baseURL}${url}`);
        expect(res.status, url).toBe(200);
        return Buffer.from(await res.arrayBuffer());
      }),
    );
    expect(fromTwo!.length).toBe(v.byte_size);
    expect(sha256(fromTwo!)).toBe(sha256(fromOne!));
  }
  const original = await fetch(`${two.baseURL}/media/${id}/${row.media_secret}/original`, {
    headers: { cookie },
  });
  expect(original.status).toBe(200);
  expect(sha256(Buffer.from(await original.arrayBuffer()))).toBe(sha256(bytes));
  await context.close();
});

test("each job runs exactly once with both servers claiming, and writes each derivative once", async ({
  browser,
  cluster,
  seedUser,
  db,
}) => {
  const owner = await seedUser();
  const names = [
    "Canon_40D.jpg",
    "Canon_DIGITAL_IXUS_400.jpg",
    "Fujifilm_FinePix6900ZOOM.jpg",
    "Kodak_CX7530.jpg",
    "Nikon_COOLPIX_P1.jpg",
    "Nikon_D70.jpg",
    "Olympus_C8080WZ.jpg",
    "Pentax_K10D.jpg",
    "Ricoh_Caplio_RR330.jpg",
    "Sony_HDR-HC3.jpg",
  ];
  const { context, cookie } = await signedIn(browser, cluster.apps[0].baseURL, owner);
  // Half through each server at once: both servers' runners take jobs as they commit.
  const ids = await Promise.all(
    names.map(async (name, i) =>
      uploaded(cluster.apps[i % 2]!.baseURL, cookie, await fixture("cameras", name), name),
    ),
  );
  for (const id of ids) expect((await waitForProcessed(db, id)).status).toBe("READY");

  // graphile-worker deletes a job when it succeeds: none of these is left, none failed or retrying
  // (that no job runs twice across workers is src/server/jobs/queue.test.ts's subject).
  const { rows: left } = await db.query(
    "SELECT key, attempts, last_error FROM graphile_worker.jobs WHERE key LIKE 'process-photo:' || $1 || ':%'",
    [owner.id],
  );
  expect(left).toEqual([]);

  // The store holds each original and each recorded variant once: nothing written twice under
  // another name, nothing left over.
  expect(await listKeys(cluster, owner.id)).toEqual(await recordedKeys(db, owner.id));
  await context.close();
});

test("a notification raised on one server reaches SSE clients on the other and through the balancer", async ({
  browser,
  cluster,
  seedUser,
}) => {
  const [one, two] = cluster.apps;
  const [owner, fan] = await Promise.all([seedUser(), seedUser()]);
  const { context, cookie } = await signedIn(browser, two.baseURL, owner);
  const onTwo = await openUnreadStream(two.baseURL, cookie);
  // Through nginx: the first event arriving while the stream stays open shows it is not buffered.
  const viaBalancer = await openUnreadStream(cluster.balancerURL, cookie);
  expect([onTwo.status, viaBalancer.status]).toEqual([200, 200]);
  await Promise.all([onTwo.waitFor("0"), viaBalancer.waitFor("0")]);

  await follow(browser, one.baseURL, fan, owner.handle);
  await Promise.all([onTwo.waitFor("1"), viaBalancer.waitFor("1")]);
  onTwo.close();
  viaBalancer.close();
  await context.close();
});

test("each server's page cache shows a change made through the other on its next request", async ({
  browser,
  cluster,
  seedUser,
}) => {
  const [one, two] = cluster.apps;
  const [owner, fan] = await Promise.all([seedUser(), seedUser()]);
  const url = `/people/${owner.handle}`;
  // Both servers render the page once for visitors and then serve it from their own memory.
  for (const app of [one, two]) {
    expect(await (await fetch(`${app.baseURL}${url}`)).text()).toContain("0 followers");
    const hit = await fetch(`${app.baseURL}${url}`);
    expect(hit.headers.get("x-nextjs-cache")).toBe("HIT");
    expect(await hit.text()).toContain("0 followers");
  }
  // A write through app 1 (a trigger bumps the person's page version in the same transaction).
  await follow(browser, one.baseURL, fan, owner.handle);
  const next = await fetch(`${two.baseURL}${url}`);
  expect(next.headers.get("x-nextjs-cache")).not.toBe("HIT");
  expect(await next.text()).toContain("1 follower");
});
