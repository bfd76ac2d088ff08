import "server-only";
import { logger } from "@/server/log/logger";
import { sweep } from "./sweep";

/** Sweeps now (work a previous process left) and then every `intervalMs`, never two at once. */
export function startSweepTimer(intervalMs: number): void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await sweep();
    } catch (error) {
      logger().error({ err: error, component: "jobs" }, "sweep failed");
    } finally {
      running = false;
    }
  };
  void tick();
  setInterval(tick, intervalMs).unref();
}
