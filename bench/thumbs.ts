// thumbs: the full variant set (50 px thumbnail + display ladder as WebP, and a ThumbHash) from each
// 8 MP photo in test/fixtures/photos/large, for Pinhole's processImage against bare sharp scripts and
// ImageMagick, each contender in its own process (so peak memory is its own), in alternating rounds.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startTsChild, type TsChild } from "./lib/child";
import type { Benchmark, BenchContext, BenchResult, Goal } from "./lib/types";
import type { ChildResult } from "./thumbs/child";
import { CONVERT } from "./thumbs/imagemagick";
import { VARIANT_LADDER } from "@/server/images/variants";

const CHILD = path.join("bench", "thumbs", "child.ts");

interface Measured {
  images: number;
  seconds: number;
  cpuMs: number;
  rssKb: number;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const rateOf = (m: Measured) => m.images / m.seconds;

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

interface Entry {
  id: string;
  label: string;
  how: string;
}

const CONTENDERS: Entry[] = [
  { id: "pinhole", label: "Pinhole processImage", how: "probe + limits + EXIF, one decode, resize from raw" },
  {
    id: "sharp-per-size",
    label: "bare sharp, per size",
    how: "one pipeline per size from the file, in parallel",
  },
  { id: "sharp-decode-once", label: "bare sharp, decode once", how: "one decode to raw, every size from it" },
  {
    id: "imagemagick",
    label: "ImageMagick convert -thumbnail",
    how: "one convert a photo, mpr: decode once",
  },
];

export const benchmark: Benchmark = {
  id: "thumbs",
  title: "full variant set (50 px thumbnail + ladder to 2048, WebP, ThumbHash) from 8 MP JPEGs",
  async run(context) {
    const seconds = Number(context.options.seconds ?? 1.5);
    const rounds = Number(context.options.rounds ?? 12);
    const magickRounds = Number(context.options["magick-rounds"] ?? 3);
    const largeDir = path.join(context.root, "test/fixtures/photos/large");
    const photos = readdirSync(largeDir)
      .filter((f) => /\.jpe?g$/i.test(f))
      .sort()
      .map((f) => path.join(largeDir, f));
    const notes: string[] = [];
    const imagemagick = ensureImageMagick(context);
    if (imagemagick.note) notes.push(imagemagick.note);
    const entries = CONTENDERS.filter((c) => c.id !== "imagemagick" || imagemagick.version);

    // Contenders take turns for `seconds` at a time, the order rotating each round, and each ratio is
    // the median of per-round ratios: on a shared host the load changes from second to second, and a
    // contender should not be judged on a busy moment alone. ImageMagick, ten times slower, takes part
    // in the first `magickRounds` rounds only.
    const children = new Map<string, TsChild>();
    const outDirs: string[] = [];
    for (const entry of entries) {
      const outDir = mkdtempSync(path.join(os.tmpdir(), `pinhole-bench-${entry.id}-`));
      outDirs.push(outDir);
      children.set(entry.id, startTsChild(context.root, CHILD, [entry.id, outDir, ...photos]));
    }
    const perRound: Map<string, Measured>[] = [];
    try {
      for (let round = 0; round < rounds; round++) {
        const measured = new Map<string, Measured>();
        const order = entries
          .map((_, i) => entries[(i + round) % entries.length]!)
          .filter((e) => e.id !== "imagemagick" || round < magickRounds);
        context.log(`round ${round + 1}/${rounds}: ${order.map((e) => e.id).join(", ")}`);
        for (const entry of order) {
          const r = await children.get(entry.id)!.request<ChildResult>(`run ${seconds}`);
          if (r.webpFiles !== VARIANT_LADDER.length) {
            throw new Error(`${entry.id} wrote ${r.webpFiles} WebP files, not ${VARIANT_LADDER.length}`);
          }
          measured.set(entry.id, {
            images: r.images,
            seconds: r.seconds,
            cpuMs: r.helpers ? r.helpers.cpuMs : r.cpuMs,
            rssKb: r.helpers ? r.helpers.peakKb : r.maxRssKb,
          });
        }
        perRound.push(measured);
      }
    } finally {
      await Promise.all([...children.values()].map((c) => c.close()));
      for (const dir of outDirs) rmSync(dir, { recursive: true, force: true });
    }

    const total = (id: string) => {
      const all = perRound.flatMap((m) => m.get(id) ?? []);
      const images = sum(all.map((m) => m.images));
      const secs = sum(all.map((m) => m.seconds));
      return {
        images,
        seconds: secs,
        rate: images / secs,
        cpuMs: sum(all.map((m) => m.cpuMs)) / images,
        rssKb: Math.max(...all.map((m) => m.rssKb)),
      };
    };
    const ratio = (id: string) =>
      median(perRound.flatMap((m) => (m.has(id) ? [rateOf(m.get("pinhole")!) / rateOf(m.get(id)!)] : [])));

    const rows = entries.map((entry) => {
      const t = total(entry.id);
      const r = entry.id === "pinhole" ? 1 : ratio(entry.id);
      context.figure(`${entry.id} images/s`, t.rate.toFixed(2));
      context.figure(`${entry.id} CPU per image`, t.cpuMs.toFixed(0), "ms");
      context.figure(`${entry.id} peak RSS`, (t.rssKb / 1024).toFixed(0), "MiB");
      if (entry.id !== "pinhole") context.figure(`pinhole ÷ ${entry.id}`, r.toFixed(2), "×");
      return [
        entry.label,
        entry.how,
        String(t.images),
        t.seconds.toFixed(1),
        t.rate.toFixed(2),
        (1000 / t.rate).toFixed(0),
        t.cpuMs.toFixed(0),
        `${(t.rssKb / 1024).toFixed(0)} MiB`,
        `${r.toFixed(2)}×`,
      ];
    });

    const vsSharp = Math.min(ratio("sharp-per-size"), ratio("sharp-decode-once"));
    const vsMagick = entries.some((e) => e.id === "imagemagick") ? ratio("imagemagick") : undefined;
    const goals: Goal[] = [
      {
        text: "≥ 0.9× the faster bare sharp script",
        measured: `${vsSharp.toFixed(2)}×`,
        met: vsSharp >= 0.9,
      },
      {
        text: "≥ 4× ImageMagick",
        measured: vsMagick === undefined ? "not run" : `${vsMagick.toFixed(2)}×`,
        met: vsMagick === undefined ? undefined : vsMagick >= 4,
      },
    ];
    notes.push(
      `Load average after the run: ${os.loadavg()[0]?.toFixed(2)} (other work on the host slows every contender; compare ratios).`,
      `Input: ${photos.map((p) => path.basename(p)).join(", ")} (3264 × 2448), each contender a process of its own, kept for the run, taking turns of at least ${seconds} s (whole passes over both photos) for ${rounds} rounds (ImageMagick ${magickRounds}), the order rotating each round; one untimed warm-up pass a Node process. Options: --seconds, --rounds, --magick-rounds, --no-install.`,
      "Each photo gives 9 WebP files (widths 50 240 320 500 640 800 1024 1600 2048, quality 80, effort/method 2) written to a temporary folder, and a ThumbHash (not ImageMagick).",
      "Photos are processed one at a time, as the job runner does; each contender uses the 2 cores through parallel encodes (sharp) or OpenMP (ImageMagick).",
      "CPU ms/image: user + system time of all the contender's threads (for ImageMagick, of its convert processes, sampled every 5 ms); less sensitive to other load than wall time.",
      "Peak RSS: the contender process's maxRSS (Node with tsx is about 100 MiB of it); for ImageMagick, the largest convert process's VmHWM, sampled.",
      "Last column: Pinhole's images per second divided by the contender's, the median over rounds (above 1: Pinhole is faster).",
    );
    return {
      table: {
        columns: [
          "contender",
          "how",
          "images",
          "seconds",
          "images/s",
          "ms/image",
          "CPU ms/image",
          "peak RSS",
          "Pinhole ÷ this",
        ],
        rows,
      },
      goals,
      notes,
    } satisfies BenchResult;
  },
};

// The preinstalled `convert` may be a stand-in; Debian's ImageMagick is installed when we are root.
function ensureImageMagick(context: BenchContext): { version?: string; note?: string } {
  const version = () => {
    try {
      const out = execFileSync(CONVERT, ["-version"], { encoding: "utf8" });
      return /ImageMagick [\d.-]+/.exec(out)?.[0];
    } catch {
      return undefined;
    }
  };
  let found = existsSync(CONVERT) ? version() : undefined;
  if (!found && process.getuid?.() === 0 && context.options["no-install"] === undefined) {
    context.log("installing Debian's imagemagick (pass --no-install to skip)");
    try {
      const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
      execFileSync("apt-get", ["update", "-qq"], { stdio: "ignore", env });
      execFileSync("apt-get", ["install", "-y", "-qq", "imagemagick"], { stdio: "ignore", env });
      found = version();
    } catch (error) {
      context.log(`could not install imagemagick: ${String(error)}`);
    }
  }
  if (!found) {
    return {
      note: "ImageMagick column skipped: /usr/bin/convert is not ImageMagick (apt-get install imagemagick).",
    };
  }
  return { version: found, note: `ImageMagick: ${found} (Debian, Q16, OpenMP).` };
}
