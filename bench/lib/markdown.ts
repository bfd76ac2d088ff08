// bench/results/latest.md holds one section per benchmark; running one benchmark replaces only its own.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { format, resolveConfig } from "prettier";
import { machineLine, type Machine } from "./machine";
import type { Benchmark, BenchResult } from "./types";

const HEADER = `# Benchmark results

Written by \`npm run bench\` (\`npm run bench -- <id>\` for one); each section is replaced when its benchmark
runs again. Goals and baselines: shared/BENCHMARKS.md. Ratios are what to compare between runs: absolute
times on shared 2-core machines drift.
`;

export function table(columns: string[], rows: string[][]): string {
  const escape = (cell: string) => cell.replace(/\|/g, "\\|");
  const line = (cells: string[]) => `| ${cells.map(escape).join(" | ")} |`;
  return [line(columns), line(columns.map(() => "---")), ...rows.map(line)].join("\n");
}

export function renderSection(bench: Benchmark, result: BenchResult, machine: Machine): string {
  const goals = result.goals.map((g) => {
    const verdict = g.met === undefined ? "not measured" : g.met ? "**met**" : "**missed**";
    return `- ${g.text}: ${g.measured}, ${verdict}`;
  });
  return [
    `## ${bench.id}: ${bench.title}`,
    "",
    `Machine: ${machineLine(machine)}`,
    "",
    table(result.table.columns, result.table.rows),
    "",
    ...(goals.length ? ["Goals:", "", ...goals, ""] : []),
    ...result.notes.map((n) => `- ${n}`),
  ].join("\n");
}

/**
 * Writes `sections` (id → Markdown) into the results file, keeping other benchmarks' sections. Formatted
 * with the repo's Prettier settings, so `prettier --check` passes on a freshly written file.
 */
export async function writeResults(file: string, sections: Map<string, string>): Promise<void> {
  const existing = existsSync(file) ? readFileSync(file, "utf8") : "";
  const kept = new Map<string, string>();
  for (const match of existing.matchAll(/<!-- bench:(\S+) -->\n([\s\S]*?)\n<!-- \/bench:\1 -->/g)) {
    kept.set(match[1] ?? "", match[2] ?? "");
  }
  for (const [id, body] of sections) kept.set(id, body);
  const body = [...kept.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, section]) => `<!-- bench:${id} -->\n${section}\n<!-- /bench:${id} -->`);
  const text = `${HEADER}\n${body.join("\n\n")}\n`;
  const options = (await resolveConfig(file)) ?? {};
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, await format(text, { ...options, filepath: file }));
}
