import "server-only";
import { Redis } from "ioredis";
import { env } from "@/env";

const globalForRedis = globalThis as unknown as { pinholeRedis?: Redis | null };

/** The shared Redis connection, or null when REDIS_URL is not set. */
export function redis(): Redis | null {
  if (globalForRedis.pinholeRedis !== undefined) return globalForRedis.pinholeRedis;
  const url = env().REDIS_URL;
  globalForRedis.pinholeRedis = url
    ? new Redis(url, {
        // Fail fast while Redis is down so callers fall back instead of queueing behind it.
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
        connectTimeout: 2_000,
        lazyConnect: false,
      })
    : null;
  globalForRedis.pinholeRedis?.on("error", () => {
    // Reconnects on its own; each caller decides what a failed command means.
  });
  return globalForRedis.pinholeRedis;
}
