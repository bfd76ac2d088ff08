import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

/** The EnvError `parseEnv(source)` throws (fails the test if it returns). */
function envError(source: Record<string, string | undefined>): EnvError {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return error as EnvError;
  }
  throw new Error(`parseEnv accepted ${JSON.stringify(source)}`);
}

describe("parseEnv", () => {
  it("applies the defaults to an empty environment", () => {
    const env = parseEnv({});
    // New settings may be added to the schema; these defaults must not change silently.
    expect(env).toMatchObject({
      NODE_ENV: "development",
      PINHOLE_DATA_DIR: ".data",
      MIGRATE_ON_START: true,
      AUTH_OIDC_NAME: "OpenID Connect",
      SIGNIN_MAX_ATTEMPTS: 10,
      SIGNIN_WINDOW_SECONDS: 900,
      PORT: 3000,
    });
    // Unset means "use the built-in alternative": embedded PostgreSQL, in-memory cache, generated secret.
    for (const key of [
      "DATABASE_URL",
      "EMBEDDED_PG_PORT",
      "REDIS_URL",
      "AUTH_SECRET",
      "AUTH_URL",
      "AUTH_GITHUB_ID",
      "AUTH_GITHUB_SECRET",
      "AUTH_OIDC_ISSUER",
      "AUTH_OIDC_ID",
      "AUTH_OIDC_SECRET",
    ] as const) {
      expect(env[key], key).toBeUndefined();
    }
  });

  it("treats empty strings as unset and parses set values", () => {
    const env = parseEnv({
      DATABASE_URL: "",
      REDIS_URL: " ",
      PORT: "8080",
      MIGRATE_ON_START: "0",
      DATABASE_URL_UNUSED: "x",
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
    expect(env.PORT).toBe(8080);
    expect(env.MIGRATE_ON_START).toBe(false);
    // Empty numbers and secrets fall back to their defaults too, as `PORT=` in a .env file means.
    const blanks = parseEnv({ PORT: "", EMBEDDED_PG_PORT: " ", AUTH_SECRET: "", SIGNIN_MAX_ATTEMPTS: "" });
    expect(blanks.PORT).toBe(3000);
    expect(blanks.EMBEDDED_PG_PORT).toBeUndefined();
    expect(blanks.AUTH_SECRET).toBeUndefined();
    expect(blanks.SIGNIN_MAX_ATTEMPTS).toBe(10);
    expect(parseEnv({ DATABASE_URL: "postgresql://u:p@db:5432/pinhole" }).DATABASE_URL).toBe(
      "postgresql://u:p@db:5432/pinhole",
    );
    expect(parseEnv({ DATABASE_URL: "postgres://db/pinhole" }).DATABASE_URL).toBe("postgres://db/pinhole");
  });

  it.each(["mysql://x", "not a url", "http://db/pinhole"])("rejects DATABASE_URL=%j, naming it", (value) => {
    const error = envError({ DATABASE_URL: value });
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatch(
      /^DATABASE_URL: must be a URL starting with postgres:\/\/ or postgresql:\/\//,
    );
    expect(error.message).toContain("DATABASE_URL");
  });

  it.each(["abc", "80.5", "0", "70000"])("rejects PORT=%j, naming it", (value) => {
    const error = envError({ PORT: value });
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatch(/^PORT: /);
    expect(error.message).toContain("PORT");
  });

  it("rejects an AUTH_SECRET shorter than 32 characters, naming it", () => {
    const error = envError({ AUTH_SECRET: "x".repeat(31) });
    expect(error.issues).toEqual(["AUTH_SECRET: must be at least 32 characters"]);
    expect(parseEnv({ AUTH_SECRET: "x".repeat(32) }).AUTH_SECRET).toBe("x".repeat(32));
  });

  it("names every bad variable at once", () => {
    const error = envError({ DATABASE_URL: "mysql://x", PORT: "abc", AUTH_SECRET: "short" });
    expect(error.issues.map((i) => i.split(":")[0]).sort()).toEqual(["AUTH_SECRET", "DATABASE_URL", "PORT"]);
  });

  it("names the missing half of a GitHub provider configuration", () => {
    const error = envError({ AUTH_GITHUB_ID: "abc" });
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatch(
      /^AUTH_GITHUB_SECRET: required for GitHub sign-in because AUTH_GITHUB_ID is set/,
    );

    const reverse = envError({ AUTH_GITHUB_SECRET: "shh" });
    expect(reverse.issues[0]).toMatch(/^AUTH_GITHUB_ID: required/);

    const full = parseEnv({ AUTH_GITHUB_ID: "abc", AUTH_GITHUB_SECRET: "shh" });
    expect(full.AUTH_GITHUB_ID).toBe("abc");
  });

  it("names the missing parts of an OpenID Connect configuration", () => {
    const error = envError({ AUTH_OIDC_ISSUER: "https://id.example.com", AUTH_OIDC_ID: "pinhole" });
    expect(error.issues).toEqual([
      "AUTH_OIDC_SECRET: required for OpenID Connect sign-in because AUTH_OIDC_ISSUER, AUTH_OIDC_ID is set",
    ]);
  });

  it("reads DATABASE_REPLICA_URLS as a list of PostgreSQL URLs that needs DATABASE_URL", () => {
    const primary = "postgresql://app@db-1:5432/pinhole";
    expect(parseEnv({}).DATABASE_REPLICA_URLS).toEqual([]);
    expect(
      parseEnv({
        DATABASE_URL: primary,
        DATABASE_REPLICA_URLS: " postgresql://app@db-2/pinhole, postgres://app@db-3/pinhole ,",
      }).DATABASE_REPLICA_URLS,
    ).toEqual(["postgresql://app@db-2/pinhole", "postgres://app@db-3/pinhole"]);
    expect(envError({ DATABASE_URL: primary, DATABASE_REPLICA_URLS: "mysql://db-2" }).issues[0]).toMatch(
      /^DATABASE_REPLICA_URLS: must be postgresql:\/\/ URLs/,
    );
    expect(envError({ DATABASE_REPLICA_URLS: "postgresql://db-2/pinhole" }).issues).toEqual([
      "DATABASE_REPLICA_URLS: replicas need DATABASE_URL (their primary)",
    ]);
  });

  it("keeps presigned original downloads off unless asked for, with a short lifetime", () => {
    expect(parseEnv({})).toMatchObject({ S3_PRESIGN_ORIGINALS: false, S3_PRESIGN_TTL_SECONDS: 60 });
    expect(parseEnv({ S3_PRESIGN_ORIGINALS: "true", S3_PRESIGN_TTL_SECONDS: "300" })).toMatchObject({
      S3_PRESIGN_ORIGINALS: true,
      S3_PRESIGN_TTL_SECONDS: 300,
    });
    expect(envError({ S3_PRESIGN_TTL_SECONDS: "604801" }).issues[0]).toMatch(/^S3_PRESIGN_TTL_SECONDS:/);
  });
});
