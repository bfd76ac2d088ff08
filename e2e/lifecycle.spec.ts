// The production server's life: a SIGTERM drains it (the load balancer hears "draining", new
// connections are refused, requests in flight finish, exit 0), `npm start` brings a killed web
// server back while the embedded database it started stays up, and the standalone output (what the
// Docker image and the Node host guide run) starts from a copy away from the checkout.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { buildFingerprint, staleBuildReason } from "../scripts/launcher/build-fingerprint";
import { startServer } from "./support/server";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// Ports of their own (the shared server is E2E_PORT).
const DRAIN_PORT = 3341;
const START_PORT = 3342;
const START_PG_PORT = 3343;
const STANDALONE_PORT = 3344;

test.describe.configure({ mode: "serial", timeout: 240_000 });

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function read(res: http.IncomingMessage): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let body = "";
    res.setEncoding("utf8");
    res.on("data", (chunk: string) => (body += chunk));
    res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    res.on("error", reject);
  });
}

/**
 * A request the server has taken and is waiting on: its headers are sent with `Expect: 100-continue`,
 * and the server's "100 Continue" says it parsed them and handed the request on; the body (which the
 * route reads before it can answer) goes when `finish` is called.
 */
async function slowRequest(agent: http.Agent, port: number) {
  const body = "csrfToken=not-a-token&email=nobody%40example.com&password=x";
  const req = http.request({
    agent,
    host: "127.0.0.1",
    port,
    method: "POST",
    path: "/api/auth/callback/credentials",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      "Content-Length": Buffer.byteLength(body),
      Expect: "100-continue",
    },
  });
  let answered = false;
  const response = new Promise<Answer>((resolve, reject) => {
    req.on("response", (res) => {
      answered = true;
      read(res).then(resolve, reject);
    });
    req.on("error", reject);
  });
  req.flushHeaders();
  await new Promise<void>((resolve) => req.once("continue", resolve));
  return {
    get answered() {
      return answered;
    },
    finish: () => {
      req.end(body);
      return response;
    },
  };
}

function get(agent: http.Agent, port: number, urlPath: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .get({ agent, host: "127.0.0.1", port, path: urlPath }, (res) => read(res).then(resolve, reject))
      .on("error", reject);
  });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test("SIGTERM: health says draining, new connections are refused, requests in flight finish, exit 0", async () => {
  const server = await startServer(DRAIN_PORT, { PINHOLE_SHUTDOWN_GRACE_SECONDS: "60" });
  const first = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const second = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    expect((await get(first, DRAIN_PORT, "/api/health")).status).toBe(200);
    const a = await slowRequest(first, DRAIN_PORT);
    const b = await slowRequest(second, DRAIN_PORT);
    const exit = exited(server.process);
    server.process.kill("SIGTERM");

    // The listener closes: a new connection is refused (the process is still there, draining).
    await expect
      .poll(async () =>
        get(new http.Agent(), DRAIN_PORT, "/api/health").then(
          () => "answered",
          (e: NodeJS.ErrnoException) => e.code,
        ),
      )
      .toBe("ECONNREFUSED");
    expect(server.process.exitCode).toBeNull();
    expect(a.answered || b.answered).toBe(false);

    // The first request completes; on its connection the load balancer's check hears "draining".
    const answerA = await a.finish();
    expect(answerA.status).toBeLessThan(500);
    const health = await get(first, DRAIN_PORT, "/api/health");
    expect(health.status).toBe(503);
    expect(JSON.parse(health.body)).toEqual({ status: "draining" });
    expect(server.process.exitCode).toBeNull();

    // The last one completes, and the server exits on its own, cleanly.
    const answerB = await b.finish();
    expect(answerB.status).toBeLessThan(500);
    expect(await exit).toEqual({ code: 0, signal: null });
  } finally {
    first.destroy();
    second.destroy();
    if (server.process.exitCode === null) server.process.kill("SIGKILL");
  }
});

test("npm start brings a killed web server back; the embedded database stays up; SIGTERM stops both", async () => {
  // Reuses the suite's build: a stale one would be rebuilt under the shared server's feet.
  expect(await staleBuildReason(root, await buildFingerprint(root, process.env))).toBeNull();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "pinhole-start-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(START_PORT),
    PINHOLE_DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(START_PG_PORT),
    PINHOLE_SHUTDOWN_GRACE_SECONDS: "5",
  };
  for (const name of ["DATABASE_URL", "DATABASE_REPLICA_URLS", "AUTH_SECRET", "NODE_OPTIONS", "NODE_ENV"]) {
    delete env[name];
  }
  // What `npm start` runs, without npm around it (npm re-raises the signal its child stopped on, which
  // would hide the launcher's own exit code).
  const { scripts } = JSON.parse(await readFile(path.join(root, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  const launcher = spawn("sh", ["-c", `exec ${scripts.start}`], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  createInterface({ input: launcher.stdout! }).on("line", (line) => {
    lines.push(line);
    for (const w of [...waiters]) {
      const m = line.match(w.pattern);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  });
  // Lines from now on (what was logged before is in `lines`).
  const next = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve) => waiters.push({ pattern, resolve }));
  const serving = async () => {
    await expect
      .poll(
        () =>
          get(new http.Agent(), START_PORT, "/api/health").then(
            (r) => r.status,
            () => 0,
          ),
        {
          timeout: 120_000,
        },
      )
      .toBe(200);
  };

  try {
    const started = next(/web server started \(pid (\d+)\)/);
    const firstPid = Number((await started)[1]);
    await serving();
    const postmaster = Number(
      (await readFile(path.join(dataDir, "postgres", "postmaster.pid"), "utf8")).split("\n")[0],
    );
    expect(alive(postmaster)).toBe(true);

    const crash = next(/the web server \(pid (\d+)\) stopped: (.*); starting it again/);
    const restarted = next(/web server started \(pid (\d+)\)/);
    process.kill(firstPid, "SIGKILL");
    const [, crashedPid, cause] = await crash;
    expect(Number(crashedPid)).toBe(firstPid);
    expect(cause).toBe("killed by SIGKILL");
    const secondPid = Number((await restarted)[1]);
    expect(secondPid).not.toBe(firstPid);
    await serving();
    // The same database process throughout.
    expect(alive(postmaster)).toBe(true);
    expect(
      Number((await readFile(path.join(dataDir, "postgres", "postmaster.pid"), "utf8")).split("\n")[0]),
    ).toBe(postmaster);
    expect(lines.some((l) => l.includes("running `npm run build`"))).toBe(false);

    launcher.kill("SIGTERM");
    expect(await exited(launcher)).toEqual({ code: 0, signal: null });
    expect(alive(secondPid)).toBe(false);
    await expect.poll(() => alive(postmaster)).toBe(false);
  } finally {
    if (launcher.exitCode === null) launcher.kill("SIGKILL");
    await rm(dataDir, { recursive: true, force: true });
  }
});

test("the standalone output runs on its own, away from the checkout's node_modules", async () => {
  // Inside the checkout, Node would find a package the bundle forgot in ../../node_modules.
  const copy = await mkdtemp(path.join(os.tmpdir(), "pinhole-standalone-"));
  await cp(path.join(root, ".next", "standalone"), copy, { recursive: true, verbatimSymlinks: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: process.env.E2E_DATABASE_URL,
    PINHOLE_DATA_DIR: process.env.E2E_DATA_DIR,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    PORT: String(STANDALONE_PORT),
  };
  delete env.NODE_OPTIONS;
  // The launcher as the Dockerfile and the Node host guide run it (migrations, then the server).
  const launcher = spawn(process.execPath, ["pinhole.mjs", "start"], {
    cwd: copy,
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });
  try {
    await expect
      .poll(
        () =>
          get(new http.Agent(), STANDALONE_PORT, "/sign-in").then(
            (r) => r.status,
            () => 0,
          ),
        {
          timeout: 120_000,
        },
      )
      .toBe(200);
    expect((await get(new http.Agent(), STANDALONE_PORT, "/api/health")).status).toBe(200);
    launcher.kill("SIGTERM");
    expect(await exited(launcher)).toEqual({ code: 0, signal: null });
  } finally {
    if (launcher.exitCode === null) launcher.kill("SIGKILL");
    await rm(copy, { recursive: true, force: true });
  }
});
