// Programs from outside npm that some tests need (a browser, nginx, promtool, pgbouncer, pg_dump).
// A fresh machine has none of them: the test command gets each itself where it can (Debian's
// package, when running as root where apt-get works) and otherwise says, in one line, what to install.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

export interface SystemTool {
  /** The command's name on PATH, e.g. "nginx". */
  command: string;
  /** Debian's package that provides it. */
  debianPackage: string;
  /** Other places the program may be (Debian puts some outside PATH, e.g. /usr/sbin/nginx). */
  paths?: string[];
  /** Install the package's Recommends too (Chromium's: the fonts pages are drawn with). */
  recommends?: boolean;
}

export type ToolLookup = { found: true; path: string } | { found: false; reason: string };

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, command);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Where the tool is, without installing anything. */
export function findSystemTool(tool: SystemTool): string | undefined {
  return onPath(tool.command) ?? tool.paths?.find((p) => existsSync(p));
}

let aptUpdated = false;

/**
 * Finds the tool, installing its Debian package first when it is missing and this process may
 * (root, apt-get present). Never throws: a tool that cannot be had comes back with the one line
 * that says what to install, for the caller to fail or skip with.
 */
export function ensureSystemTool(tool: SystemTool): ToolLookup {
  const existing = findSystemTool(tool);
  if (existing) return { found: true, path: existing };
  const hint = `${tool.command} is not installed: install Debian's ${tool.debianPackage} package (apt-get install ${tool.debianPackage}) or your system's equivalent`;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || !onPath("apt-get")) return { found: false, reason: hint };
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  // Tests that need different tools run in parallel: wait for another's apt-get instead of failing.
  const run = (args: string[]) =>
    spawnSync("apt-get", ["-o", "DPkg::Lock::Timeout=600", ...args], {
      env,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 600_000,
    });
  console.log(`[test tools] installing Debian's ${tool.debianPackage} for ${tool.command}`);
  // A fresh machine's package lists are empty until the first update.
  if (!aptUpdated) {
    run(["update", "-qq"]);
    aptUpdated = true;
  }
  const install = run([
    "install",
    "-y",
    "-qq",
    ...(tool.recommends ? [] : ["--no-install-recommends"]),
    tool.debianPackage,
  ]);
  const installed = findSystemTool(tool);
  if (installed) return { found: true, path: installed };
  const why = (install.stderr || install.stdout || "").trim().split("\n").pop() ?? "";
  return { found: false, reason: `${hint} (apt-get install failed: ${why || `exit ${install.status}`})` };
}
