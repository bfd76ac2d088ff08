// scripts/check-vercel-functions.ts on a made-up build: it must catch a function that may migrate
// without every migration, and one over Vercel's size limit. (CI runs it on the real VERCEL=1 build.)
import { mkdir, mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkVercelFunctions, LIMIT_BYTES } from "../scripts/check-vercel-functions";

let root: string;

async function put(file: string, content = "") {
  await mkdir(path.dirname(path.join(root, file)), { recursive: true });
  await writeFile(path.join(root, file), content);
}

/** A route whose trace lists `files` (relative to the project). */
async function route(name: string, code: string, files: string[]) {
  const dir = `.next/server/app/${name}`;
  await put(`${dir}/route.js`, code);
  const fromDir = path.join(root, dir);
  const nft = { version: 1, files: files.map((f) => path.relative(fromDir, path.join(root, f))) };
  await put(`${dir}/route.js.nft.json`, JSON.stringify(nft));
}

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "pinhole-vercel-"));
  await put(".next/BUILD_ID", "x");
  await put("prisma/migrations/001_init/migration.sql", "create table t ();");
  await put("prisma/migrations/002_more/migration.sql", "alter table t add c int;");
  await put("prisma/migrations/migration_lock.toml", 'provider = "postgresql"');
});
afterEach(() => rm(root, { recursive: true, force: true }));

const allMigrations = [
  "prisma/migrations/001_init/migration.sql",
  "prisma/migrations/002_more/migration.sql",
  "prisma/migrations/migration_lock.toml",
];

describe("checkVercelFunctions", () => {
  it("passes functions that carry the migrator with every migration, and ones without it", async () => {
    await route("api/health", 'select from "_prisma_migrations"', allMigrations);
    await route("icon", "export const icon = 1;", []);
    const { functions, problems } = checkVercelFunctions(root);
    expect(problems).toEqual([]);
    expect(functions.map((f) => [f.name, f.migrates]).sort()).toEqual([
      ["app/api/health/route", true],
      ["app/icon/route", false],
    ]);
  });

  it("names a function that may migrate but lacks a migration", async () => {
    await route("api/health", 'select from "_prisma_migrations"', allMigrations.slice(0, 1));
    const { problems } = checkVercelFunctions(root);
    expect(problems).toEqual([
      "app/api/health/route may migrate but lacks prisma/migrations/002_more/migration.sql, prisma/migrations/migration_lock.toml",
    ]);
  });

  it("names a function over Vercel's 250 MB", async () => {
    await put("node_modules/big/lib.node");
    // Sparse: the size Vercel would count, without writing it.
    await truncate(path.join(root, "node_modules/big/lib.node"), LIMIT_BYTES + 1);
    await route("api/big", "require('big')", ["node_modules/big/lib.node"]);
    const { problems } = checkVercelFunctions(root);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^app\/api\/big\/route: 250\.0 MB is over Vercel's 250 MB$/);
  });

  it("says when there is no build to check", async () => {
    await rm(path.join(root, ".next"), { recursive: true });
    expect(checkVercelFunctions(root).problems[0]).toMatch(/^no build in .*: run VERCEL=1 next build first$/);
  });
});
