// S3-specific behaviour against a real S3 protocol server (s3rver, in a child process): presigned
// URLs fetched for real, and a store that is down or hung.
import {
  ListMultipartUploadsCommand,
  S3Client,
  type ListMultipartUploadsCommandOutput,
} from "@aws-sdk/client-s3";
import { once } from "node:events";
import net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startS3Server, type S3TestServer } from "../../../test/support/s3-server";
import { AppError } from "@/server/errors/app-error";
import { logger } from "@/server/log/logger";
import { attachmentDisposition } from "./content-disposition";
import { S3Storage, type S3StorageConfig } from "./s3-storage";
import { MiB, streamedBody } from "./test-helpers";

let server: S3TestServer;
let store: S3Storage;
const stores: S3Storage[] = [];

function s3(overrides: Partial<S3StorageConfig> = {}): S3Storage {
  const created = new S3Storage({
    driver: "s3",
    bucket: server.bucket,
    region: server.region,
    endpoint: server.endpoint,
    forcePathStyle: true,
    credentials: server.credentials,
    ...overrides,
  });
  stores.push(created);
  return created;
}

beforeAll(async () => {
  server = await startS3Server();
  store = s3();
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});
afterAll(async () => {
  for (const s of stores) s.destroy();
  await server?.stop();
});

describe("S3 presigned GET", () => {
  it("gives a URL that plain fetch can download", async () => {
    await store.put("u1/a1/original/p1.jpg", Buffer.from("jpeg bytes"), { contentType: "image/jpeg" });
    const url = await store.presignedGet("u1/a1/original/p1.jpg", { expiresInS: 60 });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/pinhole-test\/u1\/a1\/original\/p1\.jpg\?X-Amz-/);

    const res = await fetch(url!);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("jpeg bytes");
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(res.headers.get("content-disposition")).toBeNull();
  });

  it("asks for Content-Disposition: attachment when a download name is given", async () => {
    await store.put("u1/a1/original/p2.heic", Buffer.from("heic bytes"), { contentType: "image/heic" });
    const url = await store.presignedGet("u1/a1/original/p2.heic", {
      expiresInS: 60,
      downloadName: "Été à Paris.heic",
      contentType: "application/octet-stream",
    });

    const res = await fetch(url!);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("heic bytes");
    expect(res.headers.get("content-disposition")).toBe(attachmentDisposition("Été à Paris.heic"));
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="/);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
  });

  it("gives a URL the server refuses (403) once it has expired", async () => {
    await store.put("u1/a1/original/p3.jpg", Buffer.from("old"), { contentType: "image/jpeg" });
    // Signed two hours ago for one minute.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() - 2 * 3600_000 });
    const url = await store.presignedGet("u1/a1/original/p3.jpg", { expiresInS: 60 });
    vi.useRealTimers();

    const res = await fetch(url!);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("Request has expired");
  });

  it("addresses AWS itself virtual-hosted, or path-style for dotted bucket names", async () => {
    const aws = s3({ endpoint: undefined, forcePathStyle: false, region: "eu-west-1", bucket: "photos" });
    const url = new URL((await aws.presignedGet("u1/a1/w400/p1.webp", { expiresInS: 300 }))!);
    expect(url.origin + url.pathname).toBe("https://photos.s3.eu-west-1.amazonaws.com/u1/a1/w400/p1.webp");
    expect(url.searchParams.get("X-Amz-Expires")).toBe("300");
    expect(url.searchParams.get("X-Amz-Credential")).toMatch(/^S3RVER\/\d{8}\/eu-west-1\/s3\/aws4_request$/);

    const dotted = s3({
      endpoint: undefined,
      forcePathStyle: false,
      region: "eu-west-1",
      bucket: "my.photos",
    });
    const dottedUrl = new URL((await dotted.presignedGet("k.jpg", { expiresInS: 60 }))!);
    expect(dottedUrl.origin + dottedUrl.pathname).toBe("https://s3.eu-west-1.amazonaws.com/my.photos/k.jpg");
  });
});

describe("S3 failures", () => {
  it("aborts the multipart upload when a streamed put fails", async () => {
    // spyOn calls through: the commands still reach s3rver.
    const send = vi.spyOn(S3Client.prototype, "send");
    // s3rver does not implement AbortMultipartUpload: the driver warns and carries on.
    const warn = vi.spyOn(logger(), "warn");
    const broken = new Error("client went away");
    const { body } = streamedBody(12 * MiB, { failAt: { bytes: 9 * MiB, error: broken } });

    await expect(store.put("u1/a1/original/broken.jpg", body, { contentType: "image/jpeg" })).rejects.toBe(
      broken,
    );
    expect(send.mock.calls.map(([command]) => command.constructor.name)).toEqual([
      "CreateMultipartUploadCommand",
      "UploadPartCommand",
      "AbortMultipartUploadCommand",
    ]);
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ key: "u1/a1/original/broken.jpg", uploadId: expect.any(String) }),
      "could not abort an S3 multipart upload",
    );
    expect(await store.head("u1/a1/original/broken.jpg")).toBeNull();
  });

  it("sweeps multipart uploads older than the cutoff (S3 faked: s3rver cannot list uploads)", async () => {
    const old = new Date(Date.now() - 2 * 3600_000);
    const pages: ListMultipartUploadsCommandOutput[] = [
      {
        $metadata: {},
        Uploads: [
          { Key: "u1/a1/original/a.jpg", UploadId: "1", Initiated: old },
          { Key: "u1/a1/original/b.jpg", UploadId: "2", Initiated: new Date() },
        ],
        IsTruncated: true,
        NextKeyMarker: "u1/a1/original/b.jpg",
        NextUploadIdMarker: "2",
      },
      { $metadata: {}, Uploads: [{ Key: "u2/default/original/c.jpg", UploadId: "3", Initiated: old }] },
    ];
    const commands: { name: string; input: object }[] = [];
    const fake = async (command: { input: object }) => {
      commands.push({ name: command.constructor.name, input: command.input });
      return command instanceof ListMultipartUploadsCommand ? pages.shift() : { $metadata: {} };
    };
    vi.spyOn(S3Client.prototype, "send").mockImplementation(fake as unknown as S3Client["send"]);

    expect(await store.sweepTempFiles(3600_000)).toBe(2);
    expect(commands.map((c) => c.name)).toEqual([
      "ListMultipartUploadsCommand",
      "AbortMultipartUploadCommand",
      "ListMultipartUploadsCommand",
      "AbortMultipartUploadCommand",
    ]);
    expect(commands[1]?.input).toEqual({ Bucket: server.bucket, Key: "u1/a1/original/a.jpg", UploadId: "1" });
    expect(commands[2]?.input).toMatchObject({ KeyMarker: "u1/a1/original/b.jpg", UploadIdMarker: "2" });
    expect(commands[3]?.input).toEqual({
      Bucket: server.bucket,
      Key: "u2/default/original/c.jpg",
      UploadId: "3",
    });
  });

  it("reports a store where nothing listens as unavailable, promptly", async () => {
    const down = s3({ endpoint: `http://127.0.0.1:${await freePort()}`, maxAttempts: 2 });
    const put = down.put("u1/a1/original/p.jpg", Buffer.from("x"), { contentType: "image/jpeg" });
    await expect(put).rejects.toBeInstanceOf(AppError);
    await expect(put).rejects.toMatchObject({ code: "unavailable", status: 503 });

    const streamed = down.put("u1/a1/original/p.jpg", streamedBody(9 * MiB).body, {
      contentType: "image/jpeg",
    });
    await expect(streamed).rejects.toMatchObject({ code: "unavailable" });
    await expect(down.get("u1/a1/original/p.jpg")).rejects.toMatchObject({ code: "unavailable" });
    await expect(down.head("u1/a1/original/p.jpg")).rejects.toMatchObject({ code: "unavailable" });
    await expect(down.delete("u1/a1/original/p.jpg")).rejects.toMatchObject({ code: "unavailable" });
    await expect(down.deletePrefix("u1/")).rejects.toMatchObject({ code: "unavailable" });
    await expect(down.check()).rejects.toMatchObject({ code: "unavailable" });
  }, 10_000);

  it("times out on a store that accepts connections and never answers", async () => {
    const sockets = new Set<net.Socket>();
    const hung = net.createServer((socket) => {
      sockets.add(socket);
      socket.on("error", () => {});
    });
    hung.listen(0, "127.0.0.1");
    await once(hung, "listening");
    const { port } = hung.address() as net.AddressInfo;
    try {
      const slow = s3({
        endpoint: `http://127.0.0.1:${port}`,
        requestTimeoutMs: 300,
        idleTimeoutMs: 300,
        maxAttempts: 1,
      });
      await expect(
        slow.put("u1/a1/original/p.jpg", Buffer.from("x"), { contentType: "image/jpeg" }),
      ).rejects.toMatchObject({ code: "unavailable" });
      await expect(
        slow.put("u1/a1/original/p.jpg", streamedBody(9 * MiB).body, { contentType: "image/jpeg" }),
      ).rejects.toMatchObject({ code: "unavailable" });
      await expect(slow.get("u1/a1/original/p.jpg")).rejects.toMatchObject({ code: "unavailable" });
    } finally {
      for (const socket of sockets) socket.destroy();
      hung.close();
    }
  }, 10_000);

  it("reports a store that went away mid-use as unavailable", async () => {
    const own = await startS3Server("going-away");
    const flaky = s3({ endpoint: own.endpoint, bucket: own.bucket, maxAttempts: 1 });
    await flaky.put("u1/a1/original/p.jpg", Buffer.from("before"), { contentType: "image/jpeg" });
    await expect(flaky.check()).resolves.toBeUndefined();
    await own.stop();

    await expect(
      flaky.put("u1/a1/original/q.jpg", Buffer.from("after"), { contentType: "image/jpeg" }),
    ).rejects.toMatchObject({ code: "unavailable" });
    await expect(flaky.check()).rejects.toMatchObject({ code: "unavailable" });
  }, 10_000);

  it("treats a missing bucket as a misconfiguration, not a missing object", async () => {
    const wrong = s3({ bucket: "no-such-bucket" });
    await expect(wrong.get("u1/a1/original/p.jpg")).rejects.toMatchObject({ code: "unavailable" });
    await expect(wrong.check()).rejects.toMatchObject({ code: "unavailable" });
  });
});

async function freePort(): Promise<number> {
  const probe = net.createServer().listen(0, "127.0.0.1");
  await once(probe, "listening");
  const { port } = probe.address() as net.AddressInfo;
  probe.close();
  await once(probe, "close");
  return port;
}
