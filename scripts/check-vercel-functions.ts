// After `VERCEL=1 next build`: would each serverless function Vercel makes from this build fit, and
// does every function that may apply migrations carry them? Vercel builds a function from the
// route's file trace (`<route>.js.nft.json`) plus Next's own server and src/instrumentation.ts, whose
// register() migrates on a cold start; a function without prisma/migrations there would fail its
// first request. Usage: tsx scripts/check-vercel-functions.ts [distDir] (default .next).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** Vercel's limit on a function's files, uncompressed. */
export const LIMIT_BYTES = 250 * 1024 * 1024;
// A chunk that contains the migrator (src/server/db/migrate.ts writes this table).
const MIGRATOR_MARK = "_prisma_migrations";

export interface FunctionBundle {
  name: string;
  bytes: number;
  files: number;
  /** Whether the migrator is in the bundle, so a cold start may apply migrations. */
  migrates: boolean;
  /** Migration files the migrator would need and the bundle lacks (relative to the project). */
  missingMigrations: string[];
}

export interface BundleReport {
  functions: FunctionBundle[];
  problems: string[];
}

/** The files a trace lists, and (for a route's or the proxy's trace) the entry file it belongs to. */
function traced(nftFile: string, withEntry = true): string[] {
  const { files } = JSON.parse(readFileSync(nftFile, "utf8")) as { files: string[] };
  const dir = path.dirname(nftFile);
  const listed = files.map((f) => path.resolve(dir, f));
  return withEntry ? [nftFile.replace(/\.nft\.json$/, ""), ...listed] : listed;
}

function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

export function checkVercelFunctions(root: string, distDir = path.join(root, ".next")): BundleReport {
  const problems: string[] = [];
  if (!existsSync(path.join(distDir, "BUILD_ID"))) {
    return { functions: [], problems: [`no build in ${distDir}: run VERCEL=1 next build first`] };
  }
  const migrationsDir = path.join(root, "prisma", "migrations");
  const migrations = walk(migrationsDir).filter((f) => !path.basename(f).startsWith("."));
  // What every Node function carries besides its own trace: Next's minimal server and the instrumentation.
  const shared = ["next-minimal-server.js.nft.json", "server/instrumentation.js.nft.json"]
    .map((f) => path.join(distDir, f))
    .filter((f) => existsSync(f))
    .flatMap((f) => traced(f, false));

  const sizes = new Map<string, number>();
  const migratorIn = new Map<string, boolean>();
  const size = (file: string) => {
    let bytes = sizes.get(file);
    if (bytes === undefined) {
      bytes = existsSync(file) ? statSync(file).size : 0;
      sizes.set(file, bytes);
    }
    return bytes;
  };
  const hasMigrator = (file: string) => {
    let found = migratorIn.get(file);
    if (found === undefined) {
      found =
        file.endsWith(".js") && existsSync(file) && readFileSync(file, "latin1").includes(MIGRATOR_MARK);
      migratorIn.set(file, found);
    }
    return found;
  };

  const routeTraces = walk(path.join(distDir, "server"))
    .filter((f) => /[/\\](app|pages)[/\\].*\.js\.nft\.json$/.test(f))
    .map((f) => ({
      name: path.relative(path.join(distDir, "server"), f).replace(/\.js\.nft\.json$/, ""),
      files: [...traced(f), ...shared],
    }));
  const middleware = path.join(distDir, "server", "middleware.js.nft.json");
  if (existsSync(middleware)) routeTraces.push({ name: "middleware (proxy.ts)", files: traced(middleware) });

  const functions = routeTraces.map(({ name, files }) => {
    const unique = [...new Set(files)];
    const migrates = unique.some(hasMigrator);
    const present = new Set(unique);
    const missingMigrations = migrates
      ? migrations.filter((f) => !present.has(f)).map((f) => path.relative(root, f))
      : [];
    return {
      name,
      bytes: unique.reduce((sum, f) => sum + size(f), 0),
      files: unique.length,
      migrates,
      missingMigrations,
    };
  });

  if (functions.length === 0) problems.push(`no function traces (*.nft.json) under ${distDir}/server`);
  if (migrations.length === 0) problems.push(`no migrations under ${migrationsDir}`);
  for (const fn of functions) {
    if (fn.bytes > LIMIT_BYTES) problems.push(`${fn.name}: ${mb(fn.bytes)} is over Vercel's 250 MB`);
    if (fn.missingMigrations.length > 0) {
      problems.push(`${fn.name} may migrate but lacks ${fn.missingMigrations.join(", ")}`);
    }
  }
  const missing = [...sizes].filter(([file, bytes]) => bytes === 0 && !existsSync(file)).map(([f]) => f);
  if (missing.length > 0) problems.push(`traced files that do not exist: ${missing.slice(0, 5).join(", ")}`);
  return { functions, problems };
}

export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function main() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const distDir = path.resolve(root, process.argv[2] ?? ".next");
  const { functions, problems } = checkVercelFunctions(root, distDir);
  const largest = [...functions].sort((a, b) => b.bytes - a.bytes);
  const migrating = functions.filter((f) => f.migrates).length;
  console.log(
    `vercel functions: ${functions.length}, largest ${largest
      .slice(0, 3)
      .map((f) => `${f.name} ${mb(f.bytes)} (${f.files} files)`)
      .join(", ")}; limit 250 MB; ${migrating} carry the migrator, each with every migration`,
  );
  if (problems.length > 0) {
    for (const problem of problems) console.error(`vercel functions: ${problem}`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
