// The production server's lifecycle pieces, each on its own: the build's fingerprint (does `npm start`
// rebuild?), the supervisor (is a dead server started again, and is its cause named?) and the drain
// (does a SIGTERM let requests in flight finish?). e2e/lifecycle.spec.ts runs them together.
import { randomBytes } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { onShutdown } from "@/server/http/shutdown";
import { trackRequests } from "@/server/http/drain";
import { buildFingerprint, recordBuild, staleBuildReason } from "../scripts/launcher/build-fingerprint";
import { describeExit, supervise } from "../scripts/launcher/supervise";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SCRATCH = path.join(ROOT, ".test-data", `lifecycle-${randomBytes(4).toString("hex")}`);

afterAll(async () => {
  await rm(SCRATCH, { recursive: true, force: true });
});

describe("the build's fingerprint", () => {
  it("changes with a source, a lock file or a build-time setting; not with a test", async () => {
    const project = path.join(SCRATCH, "project");
    await mkdir(path.join(project, "src", "app"), { recursive: true });
    await mkdir(path.join(project, "src", "generated"), { recursive: true });
    await writeFile(path.join(project, "src", "app", "page.tsx"), "export default 1;\n");
    await writeFile(path.join(project, "package-lock.json"), "{}\n");
    const first = await buildFingerprint(project, {});

    expect(await staleBuildReason(project, first)).toBe("no production build yet");
    await mkdir(path.join(project, ".next", "standalone"), { recursive: true });
    await writeFile(path.join(project, ".next", "standalone", "pinhole-server.mjs"), "");
    expect(await staleBuildReason(project, first)).toBe("the production build has no record of its sources");
    await recordBuild(project, first);
    expect(await staleBuildReason(project, first)).toBeNull();

    await writeFile(path.join(project, "src", "app", "page.test.ts"), "test\n");
    await writeFile(path.join(project, "src", "generated", "client.ts"), "generated\n");
    expect(await buildFingerprint(project, { DATABASE_URL: "postgresql://elsewhere" })).toBe(first);

    expect(await buildFingerprint(project, { NEXT_PUBLIC_SITE: "x" })).not.toBe(first);
    await writeFile(path.join(project, "package-lock.json"), '{"lockfileVersion":3}\n');
    const relocked = await buildFingerprint(project, {});
    expect(relocked).not.toBe(first);
    await writeFile(path.join(project, "src", "app", "page.tsx"), "export default 2;\n");
    const edited = await buildFingerprint(project, {});
    expect(edited).not.toBe(relocked);
    expect(await staleBuildReason(project, edited)).toBe("the sources changed since the last build");
  });
});

describe("a crashed server's cause", () => {
  it("names V8's out-of-memory death, a signal, or the last line it printed", () => {
    const oom =
      "<--- Last few GCs --->\nFATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n";
    expect(describeExit(null, "SIGABRT", oom)).toBe("JavaScript heap out of memory");
    expect(describeExit(null, "SIGKILL", "some earlier warning\n")).toBe("killed by SIGKILL");
    expect(describeExit(1, null, "Error: boom\n    at x\n\nTypeError: bad thing\n")).toBe(
      "exit code 1: TypeError: bad thing",
    );
  });
});

describe("the supervisor", () => {
  // A stand-in server: it says it listens; its first life ends the way V8 ends an out-of-memory
  // process, its second stays up until it is told to stop.
  async function fakeServer(name: string, firstLife: string): Promise<string> {
    await mkdir(SCRATCH, { recursive: true });
    const marker = path.join(SCRATCH, `${name}.started`);
    const script = path.join(SCRATCH, `${name}.mjs`);
    await writeFile(
      script,
      `import { existsSync, writeFileSync } from "node:fs";
const again = existsSync(${JSON.stringify(marker)});
writeFileSync(${JSON.stringify(marker)}, "");
${firstLife}
console.log("pinhole: listening on http://localhost:0 (pid " + process.pid + ")");
process.on("SIGTERM", () => { console.log("stopping"); process.exit(0); });
if (!again) {
  console.error("FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory");
  process.exit(134);
}
setInterval(() => {}, 1000);
`,
    );
    return script;
  }

  it("starts a dead server again, names why it died, and stops it when asked", async () => {
    const script = await fakeServer("crashes", "");
    const logs: string[] = [];
    let started = 0;
    const stopped = supervise(
      { args: [script], env: process.env },
      {
        stopTimeoutMs: 10_000,
        log: (line) => {
          logs.push(line);
          // The second start: ask the supervisor to stop, as a SIGTERM to `npm start` does.
          if (line.startsWith("web server started") && ++started === 2) {
            setTimeout(() => process.emit("SIGTERM", "SIGTERM"), 500);
          }
        },
      },
    );
    expect(await stopped).toBe(0);
    expect(logs.filter((l) => l.startsWith("web server started"))).toHaveLength(2);
    expect(logs.find((l) => l.includes("stopped:"))).toMatch(
      /^the web server \(pid \d+\) stopped: JavaScript heap out of memory; starting it again in 1 s$/,
    );
  });

  it("gives up when the first start fails: a bad setting is not retried forever", async () => {
    await mkdir(SCRATCH, { recursive: true });
    const script = path.join(SCRATCH, "never-starts.mjs");
    await writeFile(
      script,
      'console.error("pinhole: the server did not start: EADDRINUSE"); process.exit(1);\n',
    );
    const logs: string[] = [];
    const code = await supervise(
      { args: [script], env: process.env },
      { stopTimeoutMs: 10_000, log: (line) => logs.push(line) },
    );
    expect(code).toBe(1);
    expect(logs.at(-1)).toBe(
      "the web server did not start (exit code 1: pinhole: the server did not start: EADDRINUSE)",
    );
  });
});

describe("draining on shutdown", () => {
  /** A server whose one route waits for the request's whole body, then answers how much it read. */
  async function listen() {
    const server = http.createServer((req, res) => {
      let bytes = 0;
      req.on("data", (chunk: Buffer) => (bytes += chunk.length));
      req.on("end", () => res.end(String(bytes)));
    });
    const drain = trackRequests(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return { server, drain, port: (server.address() as AddressInfo).port };
  }

  /** A POST the server has taken (its "100 Continue" came back) whose body is sent by `finish`. */
  async function inFlight(port: number) {
    const req = http.request({
      host: "127.0.0.1",
      port,
      method: "POST",
      headers: { "Content-Length": 5, Expect: "100-continue" },
    });
    const answer = new Promise<string>((resolve, reject) => {
      req.on("response", (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => resolve(body));
      });
      req.on("error", reject);
    });
    req.flushHeaders();
    await new Promise<void>((resolve) => req.once("continue", resolve));
    return { finish: () => (req.end("12345"), answer), answer };
  }

  function connect(port: number): Promise<string> {
    return new Promise((resolve) => {
      http
        .get({ host: "127.0.0.1", port, agent: new http.Agent() }, () => resolve("answered"))
        .on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
    });
  }

  it("refuses new connections, finishes the request in flight, then runs the shutdown hooks", async () => {
    const { drain, port } = await listen();
    const events: string[] = [];
    const remove = onShutdown("test-hook", async () => {
      events.push(`hook ran with ${drain.inFlight} in flight`);
    });
    const request = await inFlight(port);
    expect(drain.inFlight).toBe(1);

    const done = drain.shutDown(60_000, (line) => events.push(line)).then(() => events.push("done"));
    expect(drain.draining).toBe(true);
    expect(await connect(port)).toBe("ECONNREFUSED");
    expect(events).toEqual(["draining: 1 request(s) in flight, up to 60 s"]);

    expect(await request.finish()).toBe("5");
    await done;
    expect(events).toEqual([
      "draining: 1 request(s) in flight, up to 60 s",
      "hook ran with 0 in flight",
      "done",
    ]);
    remove();
  });

  it("cuts off what is still running when the grace period is over", async () => {
    const { drain, port } = await listen();
    const request = await inFlight(port);
    const events: string[] = [];
    await drain.shutDown(200, (line) => events.push(line));
    expect(events).toEqual([
      "draining: 1 request(s) in flight, up to 0 s",
      "grace period over: 1 request(s) cut off",
    ]);
    await expect(request.answer).rejects.toThrow(/socket hang up|ECONNRESET/);
  });
});
