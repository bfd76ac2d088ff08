// What a production build was made from, so `npm start` can tell a stale build (a `git pull`, an edit,
// a new lock file) from a current one without building again.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";

// Everything `next build` and the standalone bundle read: the app's sources, static files, schema and
// migrations, the launcher and server scripts, and the files that configure the toolchain.
const SOURCE_DIRS = ["src", "public", "prisma", "scripts"];
const SOURCE_FILES = [
  "package.json",
  "package-lock.json",
  "next.config.ts",
  "tsconfig.json",
  "postcss.config.mjs",
  "prisma.config.ts",
];
// Generated from prisma/ (already counted); tests are not part of the build.
const SKIPPED = [/^src\/generated\//, /\.test\.tsx?$/];
// Settings read at build time (next.config.ts, inlined NEXT_PUBLIC_ values).
const BUILD_ENV = /^(NEXT_PUBLIC_.*|PAGE_CACHE|VERCEL)$/;

const RECORD = path.join(".next", "pinhole-build.json");

export async function buildFingerprint(
  root: string,
  env: Record<string, string | undefined>,
): Promise<string> {
  const hash = createHash("sha256");
  const files: string[] = SOURCE_FILES.filter((f) => existsSync(path.join(root, f)));
  for (const dir of SOURCE_DIRS) {
    if (!existsSync(path.join(root, dir))) continue;
    const entries = await readdir(path.join(root, dir), { recursive: true, withFileTypes: true });
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const file = path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/");
      if (!SKIPPED.some((pattern) => pattern.test(file))) files.push(file);
    }
  }
  for (const file of files.sort()) {
    hash.update(`${file}\0`);
    hash.update(await readFile(path.join(root, file)));
    hash.update("\0");
  }
  for (const name of Object.keys(env)
    .filter((n) => BUILD_ENV.test(n))
    .sort()) {
    hash.update(`env ${name}=${env[name]}\0`);
  }
  return hash.digest("hex");
}

/** Why the build in `root/.next` cannot serve `fingerprint`, or null when it can. */
export async function staleBuildReason(root: string, fingerprint: string): Promise<string | null> {
  if (!existsSync(path.join(root, ".next", "standalone", "pinhole-server.mjs")))
    return "no production build yet";
  try {
    const recorded = JSON.parse(await readFile(path.join(root, RECORD), "utf8")) as { fingerprint?: string };
    if (recorded.fingerprint === fingerprint) return null;
  } catch {
    return "the production build has no record of its sources";
  }
  return "the sources changed since the last build";
}

export async function recordBuild(root: string, fingerprint: string): Promise<void> {
  await writeFile(
    path.join(root, RECORD),
    JSON.stringify({ fingerprint, builtAt: new Date().toISOString() }) + "\n",
  );
}
