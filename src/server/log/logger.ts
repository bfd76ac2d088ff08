import "server-only";
import { pino, type Logger } from "pino";
import { env } from "@/env";

function createLogger(): Logger {
  // JSON lines on stdout, one object per event; quiet under Vitest unless LOG_LEVEL asks otherwise.
  const level = process.env.VITEST && !process.env.LOG_LEVEL ? "silent" : env().LOG_LEVEL;
  return pino({
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
}

const globalForLogger = globalThis as unknown as { pinholeLogger?: Logger };

/** The process's logger; `logger().child({ component: "jobs" })` for a part of the app. */
export function logger(): Logger {
  globalForLogger.pinholeLogger ??= createLogger();
  return globalForLogger.pinholeLogger;
}
