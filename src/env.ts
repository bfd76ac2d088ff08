// Every setting Pinhole reads, parsed and typed once. The README's configuration table mirrors this
// file; a missing or malformed value stops start-up with a message naming the variable.
import { z } from "zod";
import { parseTrustedProxies } from "./lib/trusted-proxies";

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === "" ? undefined : v))
    .refine((v) => v === undefined || isUrlWith(v, protocols), {
      message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(" or ")}`,
    });

function isUrlWith(value: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    // An unparseable URL is reported by the refine message above.
    return false;
  }
}

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === "" ? undefined : v));

const port = z.coerce.number().int().min(1).max(65535);

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** PostgreSQL to use. Unset: an embedded PostgreSQL is started with its data under PINHOLE_DATA_DIR. */
  DATABASE_URL: optionalUrl(["postgres:", "postgresql:"]),
  /**
   * Read-only replicas of DATABASE_URL, comma-separated: anonymous visitors' model reads go to them
   * (one picked at random per query), everything else to the primary.
   */
  DATABASE_REPLICA_URLS: z
    .string()
    .trim()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((u) => u.trim())
        .filter((u) => u !== ""),
    )
    .refine((urls) => urls.every((u) => isUrlWith(u, ["postgres:", "postgresql:"])), {
      message: "must be postgresql:// URLs separated by commas",
    }),
  /**
   * A direct (unpooled) URL of the same database, for what a transaction pooler (PgBouncer in
   * transaction mode, Neon's or Supabase's pooled URL) cannot carry: migrations, their advisory lock,
   * and the job queue's LISTEN. Unset: DATABASE_URL is used for those too.
   */
  DIRECT_DATABASE_URL: optionalUrl(["postgres:", "postgresql:"]),
  /** Connections each process may open to the database (its one pool), replicas counted apart. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  /** Where the embedded database (and, by default, photos) live. */
  PINHOLE_DATA_DIR: z.string().trim().min(1).default(".data"),
  /** Port for the embedded PostgreSQL; unset picks a free one. */
  EMBEDDED_PG_PORT: port.optional(),
  /** Apply pending migrations when the app starts (under an advisory lock, so instances never race). */
  MIGRATE_ON_START: z
    .enum(["true", "false", "1", "0"])
    .default("true")
    .transform((v) => v === "true" || v === "1"),
  /** Redis for the cache, rate limits and pub/sub. Unset: in-process memory. */
  REDIS_URL: optionalUrl(["redis:", "rediss:"]),
  /** Signs session cookies. Unset: generated once and kept in PINHOLE_DATA_DIR/auth-secret. */
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** Public base URL, e.g. https://photos.example.com. Unset: taken from the request. */
  AUTH_URL: optionalUrl(["http:", "https:"]),
  AUTH_GITHUB_ID: optionalString,
  AUTH_GITHUB_SECRET: optionalString,
  /** Generic OpenID Connect provider (e.g. Keycloak, Authentik, Google). */
  AUTH_OIDC_ISSUER: optionalUrl(["http:", "https:"]),
  AUTH_OIDC_ID: optionalString,
  AUTH_OIDC_SECRET: optionalString,
  AUTH_OIDC_NAME: z.string().trim().min(1).default("OpenID Connect"),
  /** smtp:// or smtps:// (with credentials) to send mail through. Unset: mail goes to the local outbox. */
  SMTP_URL: optionalUrl(["smtp:", "smtps:"]),
  /** The From of every mail. */
  MAIL_FROM: z.string().trim().min(3).default("Pinhole <pinhole@localhost>"),
  /**
   * Wrong passwords one address may try on one account (or one share link) in SIGNIN_WINDOW_SECONDS;
   * then that address waits, twice as long after each further round. Other addresses are unaffected.
   */
  SIGNIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(10),
  /** Failed sign-ins allowed per address (higher: many people can share one address behind NAT). */
  SIGNIN_MAX_ATTEMPTS_PER_ADDRESS: z.coerce.number().int().min(1).default(100),
  SIGNIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  /**
   * Proxies whose X-Forwarded-For entries are believed (CIDRs, addresses, or loopback, linklocal,
   * uniquelocal), comma-separated. Unset: none, the address that connected is the client.
   */
  TRUSTED_PROXIES: z
    .string()
    .trim()
    .default("")
    .superRefine((value, ctx) => {
      const parsed = parseTrustedProxies(value);
      if (!parsed.ok) {
        ctx.addIssue({
          code: "custom",
          message: `not an address, CIDR or loopback/linklocal/uniquelocal: ${parsed.bad.join(", ")}`,
        });
      }
    }),
  /** Port for the web server. */
  PORT: port.default(3000),

  /** Largest accepted upload, in bytes. */
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(50 * 1024 * 1024),
  /** Largest accepted image, in pixels (width × height × frames), checked before decoding. */
  UPLOAD_MAX_PIXELS: z.coerce.number().int().min(1).default(100_000_000),
  /** Where photos are stored: local disk, an S3-compatible bucket, or UploadThing. Unset: chosen from what is configured. */
  STORAGE_DRIVER: z.enum(["local", "s3", "uploadthing"]).optional(),
  /** Folder for the local-disk driver. Unset: PINHOLE_DATA_DIR/media. */
  LOCAL_STORAGE_DIR: z.string().trim().min(1).optional(),
  S3_BUCKET: optionalString,
  S3_REGION: z.string().trim().min(1).default("us-east-1"),
  /** For S3-compatible services (MinIO, R2, …); unset for AWS. */
  S3_ENDPOINT: optionalUrl(["http:", "https:"]),
  S3_ACCESS_KEY_ID: optionalString,
  S3_SECRET_ACCESS_KEY: optionalString,
  /** Path-style URLs (bucket in the path), which most S3-compatible services need. */
  S3_FORCE_PATH_STYLE: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  /**
   * With the S3 driver, an owner's download of their original is a redirect to a short-lived presigned
   * GET on the bucket (after the access check), so the bytes never pass through the app server.
   */
  S3_PRESIGN_ORIGINALS: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  /** How long a presigned original download URL works. */
  S3_PRESIGN_TTL_SECONDS: z.coerce.number().int().min(1).max(604_800).default(60),
  UPLOADTHING_TOKEN: optionalString,
  /** Protects the job-sweep endpoint (Vercel Cron sends it as a bearer token). */
  CRON_SECRET: optionalString,
  /** `false`: this web server runs no jobs; `npm run worker` processes do (see "Jobs and workers"). */
  JOBS_IN_WEB: z
    .enum(["true", "false", "1", "0"])
    .default("true")
    .transform((v) => v === "true" || v === "1"),
  /**
   * How often the scheduled sweep (abandoned uploads, explore scores) runs on graphile-worker's
   * crontab, rounded to whole minutes (at least one); 0 turns it off.
   */
  JOBS_SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(60),
  /** Explore's "interesting" scores are recomputed by the sweep at most this often (across all servers). */
  INTERESTINGNESS_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(600),
  /**
   * A running job keeps its lease while its worker process is alive (it beats every few seconds); a
   * worker silent this long is presumed dead (killed mid-job) and its jobs are run again.
   */
  JOBS_LOCK_TIMEOUT_SECONDS: z.coerce.number().int().min(1).default(120),
  /** Jobs that failed for good are kept this long (the admin page lists them for a retry), then pruned. */
  JOBS_FAILED_RETENTION_DAYS: z.coerce.number().int().min(1).default(14),
  /** An upload that has not committed its photo in this long was cut off; the sweep removes its file. */
  UPLOAD_ABANDONED_AFTER_SECONDS: z.coerce.number().int().min(1).default(600),
  /** Requests per minute the public API (/api/v1) allows one access token. */
  API_RATE_LIMIT_PER_TOKEN: z.coerce.number().int().min(1).default(600),
  /** Requests per minute the public API allows one address calling without a token. */
  API_RATE_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).default(120),
  /** Bytes of originals one caller (a person's tokens, or an address) may download through the API per day. */
  API_ORIGINALS_BYTES_PER_DAY: z.coerce
    .number()
    .int()
    .min(1)
    .default(2 * 1024 * 1024 * 1024),
  /** `off`: no page cache for anonymous visitors (read by next.config.ts; always off on Vercel). */
  PAGE_CACHE: z.enum(["on", "off"]).default("on"),
  // Memory defaults, and how they fit one server (measured by `npm run bench -- soak`, which reads
  // the heap from /api/metrics):
  // - On V8's heap (PINHOLE_HEAP_MB, 512): the live set, ~95 MB idle (a 96 MB heap dies answering
  //   its first page) and 111-134 MB after full collections at 32 connections of mixed browsing and
  //   uploads (14-minute soak), plus the in-memory kv's JSON strings (16 MB as UTF-8, at most 32 MB as
  //   V8 strings: src/server/cache/kv.ts) and the caches' bookkeeping (a few MB): ~170 MB. 512 leaves
  //   room for a busier host, where each request waiting for the CPU holds its render (200-225 MB was
  //   seen before renders stopped being retained: src/server/memory/release-abort-stacks.ts).
  // - Off the heap, in RSS only: the page cache's HTML and RSC payloads and the media cache's
  //   thumbnails are Buffers (PAGE_CACHE_MAX_MB 256 + MEDIA_CACHE_MAX_MB 64), plus sharp/libvips and
  //   malloc (~100-150 MB with MALLOC_ARENA_MAX=2): RSS ≤ 512 + 256 + 64 + 150 ≈ 980 MB at worst,
  //   ~500 MB in the soak (V8 commits what the live set needs, not its limit).
  // - Should the heap still near its limit, every in-process cache sheds after a full collection
  //   that leaves it > 80 % full (src/server/memory/watch-heap.ts).
  /** Memory for pages rendered once for anonymous visitors (read by src/server/cache/page-cache-handler.mjs). */
  PAGE_CACHE_MAX_MB: z.coerce.number().positive().default(256),
  /** `off`: every home feed page is read from the database (src/server/cache/feed-cache.ts). */
  FEED_CACHE: z.enum(["on", "off"]).default("on"),
  /** V8's heap for `npm start`'s server, in MB; 0: Node's own sizing (scripts/server-args.ts). */
  PINHOLE_HEAP_MB: z.coerce.number().int().min(0).default(512),
  /** On SIGTERM, how long `npm start`'s server lets requests in flight finish before it exits (src/server/http/drain.ts). */
  PINHOLE_SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).default(25),
  /** Memory for popular thumbnails' bytes in each app server (src/server/media/read-media-bytes.ts). */
  MEDIA_CACHE_MAX_MB: z.coerce.number().min(0).default(64),
  /**
   * How long a shared cache (a CDN, nginx's proxy_cache) may serve a public photo's media before it
   * asks the app again (`s-maxage`): the bound on a copy of a photo whose access narrowed, should the
   * purge not reach that cache. Browsers keep the URL (which changes when access narrows) for a year.
   */
  MEDIA_SHARED_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(31_536_000).default(60),
  /**
   * nginx servers whose proxy_cache holds public media, as base URLs of their purge endpoint
   * (docs/deploy-node-host.md), comma-separated: a photo's old URLs are purged there when its access
   * narrows or it is deleted.
   */
  MEDIA_PURGE_NGINX_URLS: z
    .string()
    .trim()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((u) => u.trim().replace(/\/+$/, ""))
        .filter((u) => u !== ""),
    )
    .refine((urls) => urls.every((u) => isUrlWith(u, ["http:", "https:"])), {
      message: "must be http(s):// URLs separated by commas",
    }),
  /** A Vercel access token allowed to purge the project's CDN cache: old media URLs are deleted there by tag. */
  MEDIA_PURGE_VERCEL_TOKEN: optionalString,
  /** The Vercel project (id or name) whose CDN cache is purged; required with MEDIA_PURGE_VERCEL_TOKEN. */
  MEDIA_PURGE_VERCEL_PROJECT: optionalString,
  /** The Vercel team that owns the project, when it is a team's. */
  MEDIA_PURGE_VERCEL_TEAM: optionalString,
  /** Vercel's REST API; only a test points it elsewhere (a local stand-in). */
  MEDIA_PURGE_VERCEL_API_URL: z
    .string()
    .trim()
    .default("https://api.vercel.com")
    .refine((v) => isUrlWith(v, ["http:", "https:"]), { message: "must be an http(s):// URL" })
    .transform((v) => v.replace(/\/+$/, "")),
  /** Bearer token for /api/metrics (Prometheus). Unset: the endpoint answers 404 and request timing is off. */
  METRICS_TOKEN: z.string().trim().min(16, "must be at least 16 characters").optional(),
  /** /api/health reports unhealthy (503) when the oldest due job has waited longer than this. */
  HEALTH_MAX_JOB_LAG_SECONDS: z.coerce.number().int().min(1).default(300),
  /** Least severe log level written (JSON lines on stdout). */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  // `PORT=` in a .env file means "not set", as it does for every other tool.
  const present = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v.trim() !== ""),
  );
  const result = envSchema.safeParse(present);
  if (result.success) return checkPairs(result.data);
  throw new EnvError(
    result.error.issues.map((issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`),
  );
}

// Providers need their id and secret together; half a configuration is a mistake worth stopping for.
function checkPairs(env: Env): Env {
  const issues: string[] = [];
  const groups: [string, ...(keyof Env)[]][] = [
    ["GitHub sign-in", "AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET"],
    ["OpenID Connect sign-in", "AUTH_OIDC_ISSUER", "AUTH_OIDC_ID", "AUTH_OIDC_SECRET"],
    ["S3 credentials", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"],
    ["purging Vercel's CDN", "MEDIA_PURGE_VERCEL_TOKEN", "MEDIA_PURGE_VERCEL_PROJECT"],
  ];
  if (env.DATABASE_REPLICA_URLS.length > 0 && !env.DATABASE_URL)
    issues.push("DATABASE_REPLICA_URLS: replicas need DATABASE_URL (their primary)");
  if (env.STORAGE_DRIVER === "s3" && !env.S3_BUCKET)
    issues.push("S3_BUCKET: required when STORAGE_DRIVER=s3");
  if (env.STORAGE_DRIVER === "uploadthing" && !env.UPLOADTHING_TOKEN) {
    issues.push("UPLOADTHING_TOKEN: required when STORAGE_DRIVER=uploadthing");
  }
  for (const [label, ...keys] of groups) {
    const set = keys.filter((k) => env[k] !== undefined);
    if (set.length > 0 && set.length < keys.length) {
      const missing = keys.filter((k) => env[k] === undefined);
      issues.push(`${missing.join(", ")}: required for ${label} because ${set.join(", ")} is set`);
    }
  }
  if (issues.length > 0) throw new EnvError(issues);
  return env;
}

let cached: Env | undefined;

/** The parsed environment of this process (parsed on first use). */
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
