// A production Pinhole for benchmarks that need a signed-in person and their photos: the embedded
// PostgreSQL under .test-data/<name> (or DATABASE_URL), migrated; the production server `npm start`
// runs (scripts/server.ts) on a production build that is current (ensureBuild); sign-in and upload
// through the real routes.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { freePort, startEmbeddedPostgres } from "@/server/db/embedded";
import { migrate } from "@/server/db/migrate";
import { pinholeBuild, pinholeServer } from "../../scripts/server-args";
import type { BenchContext } from "./types";

export class Cookies {
  private jar = new Map<string, string>();
  take(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const i = pair.indexOf("=");
      this.jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  }
  header() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

export async function signIn(base: string, email: string, password: string): Promise<Cookies> {
  const cookies = new Cookies();
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  cookies.take(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.header(), origin: base },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/` }),
  });
  cookies.take(res);
  if (!cookies.header().includes("session-token")) throw new Error(`sign-in failed (${res.status})`);
  return cookies;
}

/** The same photo with a different JPEG comment: new bytes (no de-duplication), same pixels. */
export function distinctJpeg(jpeg: Buffer): Buffer {
  const comment = Buffer.from(`pinhole-bench-${randomBytes(8).toString("hex")}`);
  const segment = Buffer.alloc(4 + comment.length);
  segment.writeUInt16BE(0xfffe, 0);
  segment.writeUInt16BE(comment.length + 2, 2);
  comment.copy(segment, 4);
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]);
}

/** Uploads a JPEG through POST /api/uploads and waits until its 50 px thumbnail is served. */
export async function uploadPhoto(
  base: string,
  cookies: Cookies,
  bytes: Buffer,
  /** One of the uploader's albums (else their default album). */
  album?: string,
): Promise<{ id: string; mediaBase: string }> {
  const res = await fetch(`${base}/api/uploads${album ? `?album=${album}` : ""}`, {
    method: "POST",
    headers: {
      cookie: cookies.header(),
      origin: base,
      "content-type": "application/octet-stream",
      "x-upload-filename": "bench.jpg",
    },
    body: new Blob([new Uint8Array(bytes)]),
  });
  if (res.status !== 201 && res.status !== 200)
    throw new Error(`upload answered ${res.status}: ${await res.text()}`);
  const { photo } = (await res.json()) as { photo: { id: string; mediaBase: string } };
  const started = Date.now();
  for (;;) {
    const thumb = await fetch(`${base}${photo.mediaBase}/w50.webp`, {
      headers: { cookie: cookies.header() },
    });
    await thumb.arrayBuffer();
    if (thumb.status === 200) return photo;
    if (Date.now() - started > 60_000) throw new Error("no thumbnail after 60 s");
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface BenchDatabase {
  url: string;
  stop(): Promise<void>;
}

export async function startDatabase(context: BenchContext, name: string): Promise<BenchDatabase> {
  const dataDir = path.join(context.root, ".test-data", name);
  const embedded = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres({ dataDir });
  const url = process.env.DATABASE_URL ?? embedded!.url;
  await migrate(url);
  return { url, stop: async () => embedded?.stop() };
}

/**
 * Builds when there is no production build or a source is newer than it, or when --rebuild (or
 * --build) is given; --no-build refuses to build. Every benchmark decides the same way.
 */
export function ensureBuild(context: BenchContext, notes: string[]): void {
  const buildId = path.join(context.root, ".next", "standalone", "pinhole-server.mjs");
  const forced = context.options.rebuild !== undefined || context.options.build !== undefined;
  if (context.options["no-build"] !== undefined) {
    if (!existsSync(buildId))
      throw new Error("--no-build, but there is no production build (.next/standalone)");
    notes.push("Used the existing production build in .next (--no-build).");
    return;
  }
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const newest = Math.max(
    ...["src", "scripts"].map((d) => newestMtime(path.join(context.root, d))),
    ...["next.config.ts", "package.json"].map((f) => statSync(path.join(context.root, f)).mtimeMs),
  );
  if (built > newest && !forced) {
    notes.push("Used the existing production build in .next (newer than every source).");
    return;
  }
  context.log(
    built && !forced ? "sources changed since the last build: next build" : "building (next build)…",
  );
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };
  delete env.NODE_OPTIONS;
  // The build's output goes to stderr: stdout carries the figures.
  // `npm run build`: Next's build plus the standalone server pinholeServer() starts.
  const build = spawnSync(process.execPath, pinholeBuild(), {
    cwd: context.root,
    env,
    stdio: ["ignore", 2, 2],
  });
  if (build.status !== 0) throw new Error("next build failed");
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export interface App {
  baseURL: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startApp(
  root: string,
  options: {
    databaseUrl: string;
    dataDir: string;
    env?: Record<string, string>;
    /** A path that answers 200 once the server is ready (the first request also warms it). */
    ready?: string;
  },
): Promise<App> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: options.databaseUrl,
    PINHOLE_DATA_DIR: options.dataDir,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    MIGRATE_ON_START: "false",
    PORT: String(port),
  };
  // Not the bench's own (tsx's loader); a benchmark may pass its own (a profiler, say).
  delete env.NODE_OPTIONS;
  Object.assign(env, options.env);
  const server = pinholeServer({ port, hostname: "127.0.0.1", env });
  const child = spawn(process.execPath, server.args, {
    cwd: root,
    env: server.env,
    stdio: ["ignore", "ignore", 2],
  });
  const baseURL = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill("SIGTERM");
    });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error("the server exited at start");
    try {
      if ((await fetch(`${baseURL}${options.ready ?? "/sign-in"}`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error("the server did not answer within 60 s");
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { baseURL, child, stop };
}

/** A process and all its descendants (Linux /proc). */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name may hold spaces and parentheses: the fields start after the last ")".
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // The process ended while we looked.
    }
  }
  const tree: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const p = queue.shift()!;
    tree.push(p);
    queue.push(...(children.get(p) ?? []));
  }
  return tree;
}

/** Resident memory of a process and all its descendants, in bytes. */
export function treeRss(pid: number): number {
  let total = 0;
  for (const p of processTree(pid)) {
    try {
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      total += Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0) * 1024;
    } catch {
      // Ended while we looked.
    }
  }
  return total;
}

// Linux's USER_HZ: /proc reports CPU time in hundredths of a second on every platform Node runs on.
const TICKS_PER_SECOND = 100;

/** CPU time (user + system) used so far by a process and its descendants, in seconds. */
export function treeCpuSeconds(pid: number): number {
  let ticks = 0;
  for (const p of processTree(pid)) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // utime and stime: fields 14 and 15 of stat, 12 and 13 after the command name.
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Ended while we looked.
    }
  }
  return ticks / TICKS_PER_SECOND;
}
