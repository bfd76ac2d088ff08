// One contender in its own process: `child.ts <contender> <outDir> <photo>...`. Each line on stdin,
// "run <seconds>", cycles through the photos (whole passes) until that long has passed and answers with
// one JSON line; the first request is preceded by an untimed warm-up pass (Node contenders).
import { readdirSync } from "node:fs";
import { createInterface } from "node:readline";
import type { Contender } from "./contender";

export interface ChildResult {
  images: number;
  seconds: number;
  /** This Node process's peak resident memory so far, KiB. */
  maxRssKb: number;
  /** CPU time (all threads) spent in this request, ms. */
  cpuMs: number;
  /** WebP files the last photo left in the output folder (9 for an 8 MP photo). */
  webpFiles: number;
  /** Helper processes (ImageMagick's convert), sampled: peak KiB so far and CPU ms in this request. */
  helpers?: { peakKb: number; cpuMs: number };
}

async function load(name: string): Promise<Contender> {
  switch (name) {
    case "pinhole":
      return (await import("./pinhole")).pinhole;
    case "sharp-per-size":
      return (await import("./sharp-per-size")).sharpPerSize;
    case "sharp-decode-once":
      return (await import("./sharp-decode-once")).sharpDecodeOnce;
    case "imagemagick":
      return (await import("./imagemagick")).imagemagick;
    default:
      throw new Error(`unknown contender ${name}`);
  }
}

async function timed(contender: Contender, seconds: number): Promise<ChildResult> {
  const helpersBefore = contender.helpers?.();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let images = 0;
  while (performance.now() - started < seconds * 1000) {
    for (const photo of photos) {
      await contender.process(photo, outDir);
      images++;
    }
  }
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const helpersAfter = contender.helpers?.();
  return {
    images,
    seconds: elapsed,
    maxRssKb: process.resourceUsage().maxRSS,
    cpuMs: (cpu.user + cpu.system) / 1000,
    webpFiles: readdirSync(outDir).filter((f) => f.endsWith(".webp")).length,
    ...(helpersAfter && {
      helpers: { peakKb: helpersAfter.peakKb, cpuMs: helpersAfter.cpuMs - (helpersBefore?.cpuMs ?? 0) },
    }),
  };
}

const [name = "", outDir = "", ...photos] = process.argv.slice(2);
const contender = await load(name);
let warm = contender.warmUp === false;
for await (const line of createInterface({ input: process.stdin })) {
  const [command, seconds] = line.trim().split(" ");
  if (command !== "run") throw new Error(`unknown request: ${line}`);
  if (!warm) {
    for (const photo of photos) await contender.process(photo, outDir);
    warm = true;
  }
  console.log(JSON.stringify(await timed(contender, Number(seconds))));
}
