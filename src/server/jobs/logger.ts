import "server-only";
import { Logger } from "graphile-worker";
import { logger } from "@/server/log/logger";

/** graphile-worker's log lines, as JSON lines through the app's logger. */
// The app's logger is asked for at the first line, not here: graphile-worker calls this factory when
// the module loads, and the launcher loads it (through the migrator) before its configuration is final.
export const workerLogger = new Logger((scope) => {
  let child: ReturnType<typeof logger> | undefined;
  const log = () => (child ??= logger().child({ component: "jobs", ...scope }));
  return (level, message, meta) => {
    const fields = meta && "error" in meta ? { err: meta.error } : {};
    if (level === "error") log().error(fields, message);
    else if (level === "warning") log().warn(fields, message);
    // Per-job "completed" lines are info to graphile-worker; the metrics count those.
    else log().debug(fields, message);
  };
});
