// `npm run bench` runs every benchmark; `npm run bench -- thumbs grid` runs those named. A benchmark is
// a file bench/<id>.ts exporting `benchmark` (see lib/types.ts): add a file and it is found.
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describeMachine, machineLine } from "./lib/machine";
import { renderSection, writeResults } from "./lib/markdown";
import type { Benchmark, BenchContext } from "./lib/types";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
const resultsFile = path.join(here, "results", "latest.md");

async function discover(): Promise<Map<string, Benchmark>> {
  const found = new Map<string, Benchmark>();
  const files = readdirSync(here).filter((f) => /^[a-z][a-z0-9-]*\.ts$/.test(f) && f !== "run.ts");
  for (const file of files.sort()) {
    const mod = (await import(pathToFileURL(path.join(here, file)).href)) as { benchmark?: Benchmark };
    if (mod.benchmark) found.set(mod.benchmark.id, mod.benchmark);
  }
  return found;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const options = Object.fromEntries(
    args
      .filter((a) => a.startsWith("--"))
      .map((a) => {
        const [key = "", value = "true"] = a.slice(2).split("=", 2);
        return [key, value];
      }),
  );
  const wanted = args.filter((a) => !a.startsWith("--"));
  const all = await discover();
  const unknown = wanted.filter((id) => !all.has(id));
  if (unknown.length) {
    console.error(`unknown benchmark ${unknown.join(", ")}; there are: ${[...all.keys()].join(", ")}`);
    process.exit(2);
  }
  const selected = wanted.length ? wanted.map((id) => all.get(id) as Benchmark) : [...all.values()];
  const machine = describeMachine();
  console.log(`machine: ${machineLine(machine)}`);

  const sections = new Map<string, string>();
  let failed = false;
  for (const bench of selected) {
    const context: BenchContext = {
      root,
      options,
      figure: (label, value, unit = "") =>
        console.log(`${bench.id}  ${label}: ${value}${unit ? ` ${unit}` : ""}`),
      log: (message) => console.error(`${bench.id}  ${message}`),
    };
    try {
      const result = await bench.run(context);
      sections.set(bench.id, renderSection(bench, result, machine));
      for (const goal of result.goals) {
        const verdict = goal.met === undefined ? "not measured" : goal.met ? "met" : "MISSED";
        console.log(`${bench.id}  goal ${goal.text}: ${goal.measured} (${verdict})`);
      }
    } catch (error) {
      failed = true;
      console.error(`${bench.id} failed:`, error);
    }
  }
  await writeResults(resultsFile, sections);
  console.log(`results: ${path.relative(root, resultsFile)}`);
  if (failed) process.exit(1);
}

await main();
