// A redis-server of a test's own, on a port of its own, that the test may stop and start: the
// machine's Redis (6379) is never stopped. Needs Debian's redis-server binary.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { Redis } from "ioredis";
import { ensureSystemTool } from "./system-tools";

// Only the tests that run with REDIS_URL use it: those get Debian's package installed when it is missing.
export const hasRedisServer = process.env.REDIS_URL
  ? ensureSystemTool({ command: "redis-server", debianPackage: "redis-server" }).found
  : spawnSync("redis-server", ["--version"]).status === 0;

export async function startRedis(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir],
    { stdio: "ignore" },
  );
  await waitFor(async () => {
    const probe = new Redis(port, "127.0.0.1", { lazyConnect: true, retryStrategy: () => null });
    probe.on("error", () => undefined);
    try {
      await probe.connect();
      return (await probe.ping()) === "PONG";
    } catch {
      // Not listening yet: another probe in a moment.
      return false;
    } finally {
      probe.disconnect();
    }
  });
  return child;
}

export function stopRedis(child: ChildProcess | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

export async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("gave up waiting");
}
