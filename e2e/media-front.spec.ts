// The production server's front (src/server/http/pinhole-server.ts) answers a public photo's small
// variants before Next's router. These tests hold it to the route's own answer: the same bytes and
// headers, the same refusal the moment the photo stops being public, and keep-alive that outlives a
// client's idle time (a server closing first races the client's next request: ECONNRESET).
import http from "node:http";
import { expect, signIn, test } from "./support/fixtures";
import { anonymousContext, signedInContext } from "./support/security";
import { fixture, postUpload, waitForProcessed } from "./support/uploads";

test.describe.configure({ timeout: 120_000 });

// Headers that say what the answer is and who may keep it. Not how it travels: Next's route streams
// it (no Content-Length) and adds its own RSC Vary, which the front has no reason to.
const COMPARED = [
  "content-type",
  "cache-control",
  "etag",
  "x-content-type-options",
  "content-security-policy",
  "cross-origin-resource-policy",
  // Every answer's security headers (README: Security headers): next.config.ts's for the route.
  "x-frame-options",
  "referrer-policy",
  "permissions-policy",
];
const pick = (headers: Record<string, string>) => Object.fromEntries(COMPARED.map((h) => [h, headers[h]]));

test("a public thumbnail: the front answers as the route does, and refuses it once the photo is private", async ({
  page,
  playwright,
  baseURL,
  seedUser,
  db,
}) => {
  const owner = await seedUser();
  const ownerContext = await signedInContext(playwright, baseURL!, owner);
  const res = await postUpload(
    ownerContext,
    baseURL!,
    await fixture("cameras", "Canon_40D.jpg"),
    "Canon_40D.jpg",
  );
  expect(res.status(), await res.text()).toBe(201);
  const id: string = (await res.json()).photo.id;
  const secret = (await waitForProcessed(db, id)).media_secret;
  const thumb = `/media/${id}/${secret}/w50.webp`;
  const anonymous = await anonymousContext(playwright, baseURL!);

  // Any query sends the request to Next's route (the front leaves those alone): both must agree.
  const front = await anonymous.get(thumb);
  const route = await anonymous.get(`${thumb}?via=route`);
  expect(front.status()).toBe(200);
  expect(route.status()).toBe(200);
  expect((await front.body()).equals(await route.body())).toBe(true);
  expect(pick(front.headers())).toEqual(pick(route.headers()));
  expect(front.headers()["content-length"]).toBe(String((await front.body()).length));
  expect(front.headers()).toMatchObject({
    "content-type": "image/webp",
    "cache-control": "public, max-age=31536000, immutable, s-maxage=60",
    "cross-origin-resource-policy": "cross-origin",
  });
  // A revalidation, and HEAD, from the front as well.
  const etag = front.headers().etag!;
  const revalidated = await anonymous.get(thumb, { headers: { "if-none-match": etag } });
  expect(revalidated.status()).toBe(304);
  expect(revalidated.headers().etag).toBe(etag);
  const head = await anonymous.head(thumb);
  expect(head.status()).toBe(200);
  expect(head.headers()["content-length"]).toBe(front.headers()["content-length"]);

  // The owner makes it private: the very next request is refused, at the old URL and at the new one.
  await signIn(page, owner);
  await page.goto(`/photos/${id}`);
  const editor = page.getByTestId("access-editor");
  await editor.getByRole("radio", { name: /^Private/ }).check();
  await editor.getByRole("button", { name: "Save visibility" }).click();
  await expect(editor.getByRole("radio", { name: /^Private \(current\)/ })).toBeChecked();
  const { rows } = await db.query<{ media_secret: string }>("SELECT media_secret FROM photos WHERE id = $1", [
    id,
  ]);
  const now = rows[0]!.media_secret;
  expect(now).not.toBe(secret);
  for (const url of [thumb, `/media/${id}/${now}/w50.webp`, `/media/${id}/${now}/w320.webp`])
    expect((await anonymous.get(url)).status(), url).toBe(404);
  // Its owner still gets it, from the route, never publicly cacheable.
  const own = await ownerContext.get(`/media/${id}/${now}/w50.webp`);
  expect(own.status()).toBe(200);
  expect(own.headers()["cache-control"]).toBe("private, no-cache");
});

test("an idle keep-alive connection is still open after a client's usual idle time", async ({ baseURL }) => {
  // Node's default keepAliveTimeout is 5 s; Playwright's and undici's clients keep sockets longer.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = () =>
    new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
      const req = http.get(`${baseURL}/api/health`, { agent }, (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode!, reused: req.reusedSocket }));
      });
      req.on("error", reject);
    });
  try {
    expect((await get()).status).toBe(200);
    await new Promise((r) => setTimeout(r, 7_000));
    expect(await get()).toEqual({ status: 200, reused: true });
  } finally {
    agent.destroy();
  }
});
