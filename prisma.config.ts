// Prisma 7 reads its settings here. The URL is only needed by Prisma's own CLI (migrate deploy, studio);
// the app connects through @prisma/adapter-pg with the URL chosen in src/server/db/url.ts.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/pinhole" },
});
