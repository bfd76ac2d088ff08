// Contender (c): ImageMagick's `convert -thumbnail`, one process per photo that decodes once (mpr:)
// and writes every rung with the same WebP quality and method. It makes no ThumbHash.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { VARIANT_LADDER, WEBP_OPTIONS } from "@/server/images/variants";
import type { Contender } from "./contender";

export const CONVERT = "/usr/bin/convert";

let peakKb = 0;
let cpuMs = 0;
// utime and stime in /proc/<pid>/stat are in clock ticks; Linux reports them at 100 a second.
const TICK_MS = 10;

export const imagemagick: Contender = {
  async process(file, outDir) {
    const encode = [
      "-quality",
      String(WEBP_OPTIONS.quality),
      "-define",
      `webp:method=${WEBP_OPTIONS.effort}`,
    ];
    const args = [file, "-auto-orient", "-write", "mpr:src", "+delete"];
    // "W>" shrinks to W wide and never enlarges, like the ladder (the bench photos are all wider).
    [...VARIANT_LADDER].reverse().forEach((width, i, all) => {
      const out = path.join(outDir, `w${width}.webp`);
      const resize = ["mpr:src", "-thumbnail", `${width}x>`, ...encode];
      args.push(...resize, ...(i < all.length - 1 ? ["-write", out, "+delete"] : [out]));
    });
    await run(CONVERT, args);
  },
  warmUp: false,
  helpers: () => ({ peakKb, cpuMs }),
};

// Node cannot read a finished child's rusage, so its memory high-water mark and CPU time are sampled
// while it runs (every 5 ms: at most a few ms of a 3 s process go unseen).
function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (out += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (out += c));
    let lastCpuMs = 0;
    const sample = () => {
      try {
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
        if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
        // Fields after the parenthesised command name: state is [0], utime [11], stime [12].
        const stat = readFileSync(`/proc/${child.pid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        lastCpuMs = (Number(fields[11]) + Number(fields[12])) * TICK_MS;
      } catch {
        // The process has already exited; its last sample stands.
      }
    };
    const timer = setInterval(sample, 5);
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(timer);
      cpuMs += lastCpuMs;
      if (code === 0) resolve(out);
      else reject(new Error(`${command} exited with ${code}: ${out}`));
    });
  });
}
