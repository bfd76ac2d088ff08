// UploadThing's cloud cannot be reached from the machines these tests run on, so the driver talks to
// a MOCK: a small local HTTP server standing in for UploadThing's API (/v6/*), its ingest server (the
// signed PUT uploads go to) and its file host (/f/<key>). The real SDK (UTApi) is used unchanged; it is
// pointed at the mock through its own `apiUrl` / `ingestUrl` options. The mock checks what the SDK
// signs (the ingest URL's HMAC, the API key header) and keeps custom ids unique, as UploadThing does;
// it cannot prove UploadThing itself behaves this way.
import { createHash, createHmac, randomBytes } from "node:crypto";
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "@/server/errors/app-error";
import { MiB, sha256Of, streamedBody, textOf } from "./test-helpers";
import { UploadThingStorage, type UploadThingStorageConfig } from "./uploadthing-storage";

type Status = "Uploaded" | "Uploading" | "Failed";
interface MockFile {
  key: string;
  customId: string | null;
  name: string;
  type: string;
  bytes: Buffer;
  status: Status;
  uploadedAt: number;
}

interface UploadThingMock {
  url: string;
  files: Map<string, MockFile>;
  /** Requests seen, as "METHOD /path". */
  calls: string[];
  /** The `expiresIn` of each requestFileAccess call. */
  expiries: (number | undefined)[];
  /** Make the ingest server register the next uploads as "Failed" and answer 500. */
  failIngest: boolean;
  seed(file: Partial<MockFile> & { customId: string | null }): MockFile;
  stop(): Promise<void>;
}

async function startUploadThingMock(apiKey: string): Promise<UploadThingMock> {
  const files = new Map<string, MockFile>();
  const sign = (url: string) => `hmac-sha256=${createHmac("sha256", apiKey).update(url).digest("hex")}`;
  const signedUrl = (url: string, ttlS: number) => {
    const u = new URL(url);
    u.searchParams.append("expires", String(Date.now() + ttlS * 1000));
    u.searchParams.append("signature", sign(u.toString()));
    return u.href;
  };
  // The SDK appends `signature` last, over the URL as it stood.
  const verified = (full: URL) => {
    const href = full.href;
    const at = href.lastIndexOf("&signature=");
    const expires = Number(full.searchParams.get("expires"));
    return (
      at !== -1 && full.searchParams.get("signature") === sign(href.slice(0, at)) && expires > Date.now()
    );
  };
  const byCustomId = (id: string) => [...files.values()].find((f) => f.customId === id);

  const mock: UploadThingMock = {
    url: "",
    files,
    calls: [],
    expiries: [],
    failIngest: false,
    seed(partial) {
      const file: MockFile = {
        key: randomBytes(12).toString("hex"),
        name: "seeded",
        type: "application/octet-stream",
        bytes: Buffer.alloc(0),
        status: "Uploaded",
        uploadedAt: Date.now(),
        ...partial,
      };
      files.set(file.key, file);
      return file;
    },
    stop: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };

  const server = http.createServer(async (req, res) => {
    const full = new URL(req.url ?? "/", mock.url);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    mock.calls.push(`${req.method} ${full.pathname}`);
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
    };

    if (req.method === "POST" && full.pathname.startsWith("/v6/")) {
      if (req.headers["x-uploadthing-api-key"] !== apiKey) return json(401, { error: "Invalid API key" });
      const input = JSON.parse(body.toString("utf8") || "{}") as Record<string, unknown>;
      switch (full.pathname) {
        case "/v6/deleteFiles": {
          const ids = (input.customIds ?? input.fileKeys) as string[];
          const field = input.customIds ? "customId" : "key";
          let deletedCount = 0;
          for (const f of [...files.values()]) {
            if (ids.includes(f[field] ?? "")) deletedCount += Number(files.delete(f.key));
          }
          return json(200, { success: true, deletedCount });
        }
        case "/v6/requestFileAccess": {
          mock.expiries.push(input.expiresIn as number | undefined);
          const file = input.customId
            ? byCustomId(input.customId as string)
            : files.get(input.fileKey as string);
          if (!file) return json(404, { error: "File not found" });
          const url = signedUrl(`${mock.url}/f/${file.key}`, (input.expiresIn as number | undefined) ?? 3600);
          return json(200, { url, ufsUrl: url });
        }
        case "/v6/listFiles": {
          const { limit = 500, offset = 0 } = input as { limit?: number; offset?: number };
          const all = [...files.values()];
          return json(200, {
            hasMore: offset + limit < all.length,
            files: all.slice(offset, offset + limit).map((f) => ({
              id: f.key,
              key: f.key,
              customId: f.customId,
              name: f.name,
              size: f.bytes.length,
              status: f.status,
              uploadedAt: f.uploadedAt,
            })),
          });
        }
        case "/v6/getUsageInfo":
          return json(200, {
            totalBytes: 0,
            appTotalBytes: 0,
            filesUploaded: files.size,
            limitBytes: 2 ** 31,
          });
      }
      return json(404, { error: "no such route" });
    }

    if (req.method === "PUT") {
      if (!verified(full)) return json(403, { error: "Invalid signature" });
      // Values are URI-encoded once more before the SDK puts them in the query.
      const param = (name: string) => {
        const v = full.searchParams.get(name);
        return v === null ? null : decodeURIComponent(v);
      };
      const customId = param("x-ut-custom-id");
      if (customId && byCustomId(customId)) return json(409, { error: "customId already exists" });
      const form = await new Response(body, {
        headers: { "content-type": req.headers["content-type"] ?? "" },
      }).formData();
      const upload = form.get("file");
      if (!(upload instanceof Blob)) return json(400, { error: "no file" });
      const file = mock.seed({
        key: full.pathname.slice(1),
        customId,
        name: param("x-ut-file-name") ?? "",
        type: param("x-ut-file-type") ?? "",
        bytes: Buffer.from(await upload.arrayBuffer()),
        status: mock.failIngest ? "Failed" : "Uploaded",
      });
      if (mock.failIngest) return json(500, { error: "storage backend down" });
      const ufsUrl = `${mock.url}/f/${file.key}`;
      const fileHash = createHash("sha256").update(file.bytes).digest("hex");
      return json(200, { url: ufsUrl, appUrl: ufsUrl, ufsUrl, fileHash });
    }

    if ((req.method === "GET" || req.method === "HEAD") && full.pathname.startsWith("/f/")) {
      if (!verified(full)) return json(403, { error: "Invalid signature" });
      const file = files.get(full.pathname.slice(3));
      if (!file || file.status !== "Uploaded") return json(404, { error: "Not found" });
      const size = file.bytes.length;
      const headers = { "content-type": file.type, "accept-ranges": "bytes", etag: `"${file.key}"` };
      const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? "");
      if (range) {
        const start = Number(range[1]);
        const end = Math.min(Number(range[2]), size - 1);
        if (start >= size) {
          return res.writeHead(416, { "content-range": `bytes */${size}` }).end();
        }
        res.writeHead(206, {
          ...headers,
          "content-length": end - start + 1,
          "content-range": `bytes ${start}-${end}/${size}`,
        });
        return res.end(req.method === "HEAD" ? undefined : file.bytes.subarray(start, end + 1));
      }
      res.writeHead(200, { ...headers, "content-length": size });
      return res.end(req.method === "HEAD" ? undefined : file.bytes);
    }
    json(404, { error: "no such route" });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  mock.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return mock;
}

function tokenFor(apiKey: string): string {
  return Buffer.from(JSON.stringify({ apiKey, appId: "pinhole-test", regions: ["sea1"] })).toString("base64");
}

const apiKey = `sk_test_${randomBytes(16).toString("hex")}`;
let mock: UploadThingMock;
let store: UploadThingStorage;

function uploadthing(overrides: Partial<UploadThingStorageConfig> = {}): UploadThingStorage {
  return new UploadThingStorage({
    driver: "uploadthing",
    token: tokenFor(apiKey),
    maxObjectBytes: 4 * MiB,
    apiUrl: mock.url,
    ingestUrl: mock.url,
    timeoutMs: 2_000,
    ...overrides,
  });
}

beforeAll(async () => {
  mock = await startUploadThingMock(apiKey);
  store = uploadthing();
});
beforeEach(() => {
  mock.files.clear();
  mock.calls.length = 0;
  mock.expiries.length = 0;
  mock.failIngest = false;
});
afterAll(async () => {
  await mock?.stop();
});

describe("UploadThing storage (against a local mock of UploadThing)", () => {
  it("puts under the key as customId, then gets, heads, ranges, lists and deletes", async () => {
    const key = "u1/a1/original/p1.jpg";
    expect(await store.put(key, Buffer.from("0123456789"), { contentType: "image/jpeg" })).toEqual({
      size: 10,
    });
    const [stored] = [...mock.files.values()];
    expect(stored).toMatchObject({ customId: key, name: "p1.jpg", type: "image/jpeg", status: "Uploaded" });

    const got = await store.get(key);
    expect(got).toMatchObject({ size: 10, totalSize: 10, contentType: "image/jpeg" });
    expect(await textOf(got!.body)).toBe("0123456789");
    expect(await store.head(key)).toEqual({ size: 10, contentType: "image/jpeg" });

    const range = await store.get(key, { range: { start: 3, end: 5 } });
    expect(range).toMatchObject({ size: 3, totalSize: 10 });
    expect(await textOf(range!.body)).toBe("345");
    await expect(store.get(key, { range: { start: 10, end: 12 } })).rejects.toMatchObject({
      code: "bad_request",
    });

    const listed = [];
    for await (const entry of store.list("u1/")) listed.push(entry);
    expect(listed).toEqual([{ key, size: 10, lastModified: expect.any(Date) }]);

    await store.delete(key);
    expect(await store.get(key)).toBeNull();
    expect(await store.head(key)).toBeNull();
    await expect(store.delete(key)).resolves.toBeUndefined();
  });

  it("streams a body in, and replaces an earlier file under the same key", async () => {
    const key = "u1/a1/w400/p1.webp";
    await store.put(key, Buffer.from("old"), { contentType: "image/webp" });
    const { body, sha256 } = streamedBody(3 * MiB);
    expect(await store.put(key, body, { contentType: "image/webp" })).toEqual({ size: 3 * MiB });

    expect([...mock.files.values()].filter((f) => f.customId === key)).toHaveLength(1);
    expect(await sha256Of((await store.get(key))!.body)).toBe(sha256());
  });

  it("refuses a body over the size limit without uploading anything", async () => {
    const { body } = streamedBody(5 * MiB);
    const put = store.put("u1/a1/original/big.jpg", body, { contentType: "image/jpeg" });
    await expect(put).rejects.toBeInstanceOf(AppError);
    await expect(put).rejects.toMatchObject({ code: "payload_too_large" });
    expect(body.destroyed).toBe(true);
    expect(mock.calls.filter((c) => c.startsWith("PUT"))).toEqual([]);
  });

  it("leaves nothing under the key when the upload fails, the body fails or the put is aborted", async () => {
    mock.failIngest = true;
    const failed = store.put("u1/a1/original/p1.jpg", Buffer.from("x"), { contentType: "image/jpeg" });
    await expect(failed).rejects.toMatchObject({ code: "unavailable", status: 503 });
    // The half-registered ("Failed") file is cleaned up.
    expect(mock.files.size).toBe(0);
    mock.failIngest = false;

    const broken = new Error("client went away");
    const { body } = streamedBody(2 * MiB, { failAt: { bytes: 1 * MiB, error: broken } });
    await expect(store.put("u1/a1/original/p2.jpg", body, { contentType: "image/jpeg" })).rejects.toBe(
      broken,
    );

    const controller = new AbortController();
    const stalled = streamedBody(2 * MiB, { stallAt: 1 * MiB }).body;
    const aborted = store
      .put("u1/a1/original/p3.jpg", stalled, { contentType: "image/jpeg", signal: controller.signal })
      .catch((e: unknown) => e);
    setTimeout(() => controller.abort(), 20);
    expect(await aborted).toBe(controller.signal.reason);

    expect(mock.files.size).toBe(0);
    expect(mock.calls.filter((c) => c.startsWith("PUT"))).toHaveLength(1);
  });

  it("gives signed URLs for direct download, but not when a download name is asked for", async () => {
    await store.put("u1/a1/w800/p1.webp", Buffer.from("webp"), { contentType: "image/webp" });
    const url = await store.presignedGet("u1/a1/w800/p1.webp", { expiresInS: 120 });
    expect(mock.expiries).toEqual([120]);
    const res = await fetch(url!);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("webp");

    // Its URLs cannot carry Content-Disposition: the app streams downloads itself.
    expect(
      await store.presignedGet("u1/a1/w800/p1.webp", { expiresInS: 120, downloadName: "a.webp" }),
    ).toBeNull();
    expect(await store.presignedGet("u1/a1/w800/missing.webp", { expiresInS: 120 })).toBeNull();
  });

  it("lists and deletes by prefix across pages of the API's file list", async () => {
    for (let i = 0; i < 620; i++) mock.seed({ customId: `u1/a1/w400/p${i}.webp` });
    mock.seed({ customId: "u1/a2/w400/q.webp" });
    mock.seed({ customId: "u1/a1/w400/unfinished.webp", status: "Uploading" });
    mock.seed({ customId: null });

    let listed = 0;
    for await (const entry of store.list("u1/a1/")) {
      expect(entry.key).toMatch(/^u1\/a1\/w400\/p\d+\.webp$/);
      listed++;
    }
    expect(listed).toBe(620);
    expect(await store.deletePrefix("u1/a1/")).toBe(620);
    expect([...mock.files.values()].map((f) => f.customId)).toEqual([
      "u1/a2/w400/q.webp",
      "u1/a1/w400/unfinished.webp",
      null,
    ]);
  });

  it("sweeps uploads left unfinished, once they are old enough", async () => {
    const old = Date.now() - 2 * 3600_000;
    mock.seed({ customId: "u1/a1/original/stuck.jpg", status: "Uploading", uploadedAt: old });
    mock.seed({ customId: "u1/a1/original/failed.jpg", status: "Failed", uploadedAt: old });
    mock.seed({ customId: "u1/a1/original/inflight.jpg", status: "Uploading" });
    mock.seed({ customId: "u1/a1/original/done.jpg", status: "Uploaded", uploadedAt: old });

    expect(await store.sweepTempFiles(3600_000)).toBe(2);
    expect([...mock.files.values()].map((f) => f.customId).sort()).toEqual([
      "u1/a1/original/done.jpg",
      "u1/a1/original/inflight.jpg",
    ]);
  });

  it("reports a wrong token or an unreachable service as unavailable", async () => {
    await expect(store.check()).resolves.toBeUndefined();

    const wrongKey = uploadthing({ token: tokenFor(`sk_test_${randomBytes(16).toString("hex")}`) });
    await expect(wrongKey.check()).rejects.toMatchObject({ code: "unavailable" });
    // The ingest server refuses the upload's signature too.
    await expect(
      wrongKey.put("u1/a1/original/p.jpg", Buffer.from("x"), { contentType: "image/jpeg" }),
    ).rejects.toMatchObject({ code: "unavailable" });
    expect(mock.files.size).toBe(0);

    const gone = await startUploadThingMock(apiKey);
    await gone.stop();
    const unreachable = uploadthing({ apiUrl: gone.url, ingestUrl: gone.url });
    await expect(unreachable.check()).rejects.toMatchObject({ code: "unavailable" });
    await expect(
      unreachable.put("u1/a1/original/p.jpg", Buffer.from("x"), { contentType: "image/jpeg" }),
    ).rejects.toMatchObject({ code: "unavailable" });
    await expect(unreachable.get("u1/a1/original/p.jpg")).rejects.toMatchObject({ code: "unavailable" });
  });

  it("refuses unsafe keys before calling the service", async () => {
    await expect(store.put("../x", Buffer.from("x"), { contentType: "text/plain" })).rejects.toMatchObject({
      code: "bad_request",
    });
    await expect(store.get("/abs")).rejects.toMatchObject({ code: "bad_request" });
    expect(mock.calls).toEqual([]);
  });
});

afterEach(() => {
  // Every file the driver created is accounted for by the assertions above; none is left half-made.
  for (const f of mock.files.values())
    expect(f.status === "Failed" && f.customId?.startsWith("u1/")).toBe(false);
});
