import { HttpRequest } from "@smithy/core/protocols";
import { SignatureV4 } from "@smithy/signature-v4";
import type { SourceData } from "@smithy/types";
import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { attachmentDisposition } from "./content-disposition";
import { presignGetUrl } from "./sigv4-presign";

// s3rver does not verify SigV4 signatures (only expiry), so the signature itself is checked here:
// against AWS's published worked example, and against the AWS SDK's own signer.

describe("presignGetUrl", () => {
  it("reproduces the worked example in AWS's SigV4 query-string documentation", () => {
    // "Authenticating Requests: Using Query Parameters (AWS Signature Version 4)", S3 API reference.
    const url = presignGetUrl({
      url: new URL("https://examplebucket.s3.amazonaws.com/test.txt"),
      region: "us-east-1",
      credentials: {
        accessKeyId: "AKIAIOSFODNN7EXAMPLE",
        secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      },
      expiresInS: 86400,
      now: new Date("2013-05-24T00:00:00Z"),
    });
    expect(url).toBe(
      "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256" +
        "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request" +
        "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host" +
        "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
    );
  });

  it("signs exactly as the AWS SDK does, with a session token and response overrides", async () => {
    const credentials = { accessKeyId: "AKID", secretAccessKey: "se/cret+key", sessionToken: "tok/en=+" };
    const now = new Date("2024-02-03T04:05:06Z");
    const query = {
      "response-content-disposition": attachmentDisposition(`été "photo" (1).jpg`),
      "response-content-type": "image/jpeg",
    };
    const ours = new URL(
      presignGetUrl({
        url: new URL("http://127.0.0.1:4568/bucket/u1/a1/original/p1.jpg"),
        region: "eu-west-1",
        credentials,
        expiresInS: 900,
        query,
        now,
      }),
    );

    const signer = new SignatureV4({ service: "s3", region: "eu-west-1", credentials, sha256: NodeSha256 });
    const theirs = await signer.presign(
      new HttpRequest({
        method: "GET",
        protocol: "http:",
        hostname: "127.0.0.1",
        port: 4568,
        path: "/bucket/u1/a1/original/p1.jpg",
        query: { ...query },
        // What @aws-sdk/s3-request-presigner does: an unsigned payload, not hoisted into the query.
        headers: { host: "127.0.0.1:4568", "x-amz-content-sha256": "UNSIGNED-PAYLOAD" },
      }),
      {
        expiresIn: 900,
        signingDate: now,
        unhoistableHeaders: new Set(["x-amz-content-sha256"]),
        unsignableHeaders: new Set(["x-amz-content-sha256"]),
      },
    );
    expect(Object.fromEntries(ours.searchParams)).toEqual(theirs.query);
  });

  it("refuses expiries S3 would reject", () => {
    const base = {
      url: new URL("http://127.0.0.1/b/k"),
      region: "us-east-1",
      credentials: { accessKeyId: "a", secretAccessKey: "b" },
    };
    expect(() => presignGetUrl({ ...base, expiresInS: 0 })).toThrow(RangeError);
    expect(() => presignGetUrl({ ...base, expiresInS: 604_801 })).toThrow(RangeError);
  });
});

describe("attachmentDisposition", () => {
  it("gives an ASCII fallback and the exact UTF-8 name, with nothing that could break the header", () => {
    expect(attachmentDisposition("holiday.jpg")).toBe(
      `attachment; filename="holiday.jpg"; filename*=UTF-8''holiday.jpg`,
    );
    expect(attachmentDisposition(`été "1"\r\n.jpg`)).toBe(
      `attachment; filename="_t_ _1___.jpg"; filename*=UTF-8''%C3%A9t%C3%A9%20_1___.jpg`,
    );
    expect(attachmentDisposition("  ")).toBe(`attachment; filename="download"; filename*=UTF-8''download`);
  });
});

/** The SDK's hash interface over node:crypto (the SDK's own implementation is not a dependency). */
class NodeSha256 {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash("sha256") : createHmac("sha256", bytes(secret));
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

function bytes(data: SourceData): string | Uint8Array {
  if (typeof data === "string") return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}
