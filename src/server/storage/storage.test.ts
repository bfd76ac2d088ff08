import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import { createStorage, storageConfigFromEnv } from "./storage";

const config = (vars: Record<string, string>) => storageConfigFromEnv(parseEnv(vars));
const token = Buffer.from(JSON.stringify({ apiKey: "sk_x", appId: "a", regions: ["sea1"] })).toString(
  "base64",
);

describe("choosing the store from the environment", () => {
  it("defaults to local disk under PINHOLE_DATA_DIR/media", () => {
    expect(config({})).toEqual({ driver: "local", root: path.resolve(".data/media") });
    expect(config({ PINHOLE_DATA_DIR: "/srv/pinhole" })).toEqual({
      driver: "local",
      root: "/srv/pinhole/media",
    });
    expect(config({ LOCAL_STORAGE_DIR: "/mnt/photos" })).toEqual({ driver: "local", root: "/mnt/photos" });
  });

  it("uses S3 when a bucket is configured, UploadThing when a token is", () => {
    expect(
      config({
        S3_BUCKET: "photos",
        S3_REGION: "eu-central-1",
        S3_ENDPOINT: "http://minio:9000",
        S3_FORCE_PATH_STYLE: "true",
        S3_ACCESS_KEY_ID: "id",
        S3_SECRET_ACCESS_KEY: "secret",
      }),
    ).toEqual({
      driver: "s3",
      bucket: "photos",
      region: "eu-central-1",
      endpoint: "http://minio:9000",
      forcePathStyle: true,
      credentials: { accessKeyId: "id", secretAccessKey: "secret" },
    });
    // No keys: the SDK's default chain (an instance role, say).
    expect(config({ S3_BUCKET: "photos" })).toMatchObject({ driver: "s3", credentials: undefined });
    expect(config({ S3_BUCKET: "photos", UPLOADTHING_TOKEN: token, UPLOAD_MAX_BYTES: "1000" })).toEqual({
      driver: "uploadthing",
      token,
      maxObjectBytes: 1000,
    });
  });

  it("lets STORAGE_DRIVER override what is configured", () => {
    expect(config({ STORAGE_DRIVER: "local", S3_BUCKET: "photos", UPLOADTHING_TOKEN: token }).driver).toBe(
      "local",
    );
    expect(config({ STORAGE_DRIVER: "s3", S3_BUCKET: "photos", UPLOADTHING_TOKEN: token }).driver).toBe("s3");
  });

  it("builds the driver the configuration names", () => {
    expect(createStorage({ driver: "local", root: "/tmp/x" }).driver).toBe("local");
    expect(createStorage({ driver: "s3", bucket: "b", region: "us-east-1" }).driver).toBe("s3");
    expect(createStorage({ driver: "uploadthing", token, maxObjectBytes: 1 }).driver).toBe("uploadthing");
  });
});
