// Monitoring over real HTTP against the e2e server: /api/metrics (token, and the counters move when
// a photo goes up and comes down), /api/health, and the request id on every answer.
import { randomUUID } from "node:crypto";
import { request as playwrightRequest } from "@playwright/test";
import { E2E_METRICS_TOKEN } from "./support/metrics-token";
import { expect, signIn, test } from "./support/fixtures";
import { fixture, postUpload, waitForProcessed } from "./support/uploads";

test.describe.configure({ timeout: 180_000 });

const AUTH = { authorization: `Bearer ${E2E_METRICS_TOKEN}` };

/** The sum of every series of `name` whose labels include `labels` (Prometheus text format). */
function valueOf(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split("\n")) {
    const match = /^([a-zA-Z_:][\w:]*)(\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const series = Object.fromEntries(
      [...(match[3] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => series[k] === v)) sum += Number(match[4]);
  }
  return sum;
}

async function scrape(baseURL: string): Promise<string> {
  const api = await playwrightRequest.newContext({ baseURL });
  const res = await api.get("/api/metrics", { headers: AUTH });
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/plain");
  const text = await res.text();
  await api.dispose();
  return text;
}

test("/api/metrics refuses a missing or wrong token", async ({ baseURL }) => {
  const api = await playwrightRequest.newContext({ baseURL });
  const refused: Record<string, string>[] = [
    {},
    { authorization: "Bearer not-the-token-at-all" },
    { authorization: E2E_METRICS_TOKEN },
  ];
  for (const headers of refused) {
    const res = await api.get("/api/metrics", { headers });
    expect(res.status()).toBe(401);
    expect(res.headers()["www-authenticate"]).toBe("Bearer");
    expect((await res.json()).error.code).toBe("unauthorized");
    expect(await res.text()).not.toContain("pinhole_");
  }
  await api.dispose();
});

test("/api/health answers 200 with each check and is never cached", async ({ baseURL }) => {
  const api = await playwrightRequest.newContext({ baseURL });
  const res = await api.get("/api/health");
  expect(res.status()).toBe(200);
  expect(res.headers()["cache-control"]).toBe("no-store");
  const body = await res.json();
  expect(["ok", "degraded"]).toContain(body.status);
  expect(body.checks.database).toMatchObject({ status: "ok", latencyMs: expect.any(Number) });
  expect(body.checks.storage).toMatchObject({ status: "ok", driver: "local" });
  // The e2e server runs without Redis.
  expect(body.checks.redis).toMatchObject({ status: "skipped" });
  expect(body.checks.jobs).toMatchObject({ oldestDueAgeSeconds: expect.any(Number) });
  await api.dispose();
});

test("every answer carries a request id: the caller's when it is a plain token, else a new one", async ({
  baseURL,
}) => {
  const api = await playwrightRequest.newContext({ baseURL });
  const mine = `lb-${randomUUID()}`;
  for (const path of ["/api/health", "/", "/no-such-page"]) {
    const echoed = await api.get(path, { headers: { "x-request-id": mine } });
    expect(echoed.headers()["x-request-id"], path).toBe(mine);
  }
  const made = (await api.get("/api/health")).headers()["x-request-id"];
  expect(made).toMatch(/^[0-9a-f-]{36}$/);
  // Anything that could forge a log line or a header is replaced, not echoed.
  const forged = await api.get("/api/health", { headers: { "x-request-id": 'a b"c} injected' } });
  expect(forged.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  await api.dispose();
});

test("the metrics move when a photo is uploaded, processed and downloaded", async ({
  page,
  baseURL,
  seedUser,
  db,
}) => {
  const user = await seedUser();
  await signIn(page, user);
  const before = await scrape(baseURL!);

  const bytes = await fixture("orientation", "landscape_1.jpg");
  const res = await postUpload(page.request, baseURL!, bytes, "landscape_1.jpg");
  expect(res.status(), await res.text()).toBe(201);
  const { id } = (await res.json()).photo;
  const row = await waitForProcessed(db, id);
  expect(row.status).toBe("READY");
  const thumb = await page.request.get(`/media/${id}/${row.media_secret}/w50.webp`);
  expect(thumb.status()).toBe(200);
  const thumbBytes = (await thumb.body()).length;
  const original = await page.request.get(`/media/${id}/${row.media_secret}/original`);
  expect(original.status()).toBe(200);
  // Damaged pixels: accepted as a file, then its processing job fails for good (or it is refused
  // at once, and no job runs; upload-api.spec.ts allows either).
  const corrupted = await postUpload(
    page.request,
    baseURL!,
    await fixture("broken", "corrupted.jpg"),
    "c.jpg",
  );
  const jobFailed = corrupted.status() === 201;
  if (jobFailed)
    expect((await waitForProcessed(db, (await corrupted.json()).photo.id)).status).toBe("FAILED");
  // An anonymous visitor's photostream twice: rendered (a miss), then served from the page cache.
  const visitor = await playwrightRequest.newContext({ baseURL });
  for (let i = 0; i < 2; i++) expect((await visitor.get(`/people/${user.handle}`)).status()).toBe(200);
  await visitor.dispose();

  const after = await scrape(baseURL!);
  const moved = (name: string, labels: Record<string, string> = {}) =>
    valueOf(after, name, labels) - valueOf(before, name, labels);

  // Other tests run at the same time: their uploads may add to these, never take away.
  expect(moved("pinhole_uploads_total")).toBeGreaterThanOrEqual(1);
  expect(moved("pinhole_upload_bytes_total")).toBeGreaterThanOrEqual(bytes.length);
  expect(moved("pinhole_downloads_total", { variant: "w50" })).toBeGreaterThanOrEqual(1);
  expect(moved("pinhole_download_bytes_total", { variant: "w50" })).toBeGreaterThanOrEqual(thumbBytes);
  expect(moved("pinhole_downloads_total", { variant: "original" })).toBeGreaterThanOrEqual(1);
  expect(moved("pinhole_download_bytes_total", { variant: "original" })).toBeGreaterThanOrEqual(bytes.length);
  expect(
    moved("pinhole_job_duration_seconds_count", { kind: "process-photo", outcome: "done" }),
  ).toBeGreaterThanOrEqual(1);
  if (jobFailed) {
    expect(moved("pinhole_job_failures_total", { kind: "process-photo" })).toBeGreaterThanOrEqual(1);
    expect(
      moved("pinhole_job_duration_seconds_count", { kind: "process-photo", outcome: "failed" }),
    ).toBeGreaterThanOrEqual(1);
  }
  expect(
    moved("pinhole_http_request_duration_seconds_count", {
      method: "POST",
      route: "/api/uploads",
      status: "201",
    }),
  ).toBeGreaterThanOrEqual(1);
  expect(
    moved("pinhole_http_request_duration_seconds_count", {
      method: "GET",
      route: "/media/[photoId]/[version]/[file]",
      status: "200",
    }),
  ).toBeGreaterThanOrEqual(2);
  expect(moved("pinhole_db_query_duration_seconds_count", { statement: "insert" })).toBeGreaterThanOrEqual(1);
  expect(moved("pinhole_page_cache_requests_total", { result: "hit" })).toBeGreaterThanOrEqual(1);
  // No series is labelled with a raw id.
  expect(after).not.toContain(id);
  expect(after).toMatch(/^pinhole_job_queue_depth\{kind="process-photo"\} \d+$/m);
  expect(after).toMatch(/^pinhole_job_oldest_due_age_seconds \d/m);
});
