// vercel.json deploys on every plan: Hobby refuses a cron that runs more than once a day.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");

describe("vercel.json", () => {
  it("declares the job sweep's cron at most once a day, so Hobby accepts it", async () => {
    const config = JSON.parse(await readFile(path.join(ROOT, "vercel.json"), "utf8")) as {
      crons: { path: string; schedule: string }[];
    };
    expect(config.crons.map((c) => c.path)).toEqual(["/api/jobs/run"]);
    for (const { schedule } of config.crons) {
      const [minute, hour, ...rest] = schedule.split(" ");
      expect(rest, schedule).toHaveLength(3);
      // One fixed minute of one fixed hour: once a day at most.
      expect(minute, schedule).toMatch(/^\d{1,2}$/);
      expect(hour, schedule).toMatch(/^\d{1,2}$/);
    }
  });
});
