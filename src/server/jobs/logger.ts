import "server-only";
import { Logger } from "graphile-worker";
import { logger } from "@/server/log/logger";

/** graphile-worker's log lines, as JSON lines through the app's logger. */
export const workerLogger = new Logger((scope) => {
  const log = logger().child({ component: "jobs", ...scope });
  return (level, message, meta) => {
    const fields = meta && "error" in meta ? { err: meta.error } : {};
    if (level === "error") log.error(fields, message);
    else if (level === "warning") log.warn(fields, message);
    // Per-job "completed" lines are info to graphile-worker; the metrics count those.
    else if (level === "info") log.debug(fields, message);
    else log.debug(fields, message);
  };
});
