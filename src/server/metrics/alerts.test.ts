import { spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Histogram } from "prom-client";
import { parse } from "yaml";
import { ensureSystemTool } from "../../../test/support/system-tools";
import { metrics } from "./registry";

const RULES = path.resolve(import.meta.dirname, "../../../ops/prometheus/alerts.yml");
// Debian ships promtool in the prometheus package: installed here when it can be, else skipped.
const promtool = ensureSystemTool({ command: "promtool", debianPackage: "prometheus" });

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

// Prometheus's own series (`up`) plus the histogram series the app's histograms expand into.
async function exportedNames(): Promise<Set<string>> {
  const names = new Set(["up"]);
  const { registry } = metrics();
  for (const metric of await registry.getMetricsAsJSON()) {
    names.add(metric.name);
    if (registry.getSingleMetric(metric.name) instanceof Histogram) {
      for (const suffix of ["_bucket", "_count", "_sum"]) names.add(metric.name + suffix);
    }
  }
  return names;
}

// Words of PromQL that are not series: functions, aggregations, keywords, durations.
const PROMQL_WORDS = new Set([
  "sum",
  "by",
  "without",
  "rate",
  "increase",
  "max",
  "min",
  "avg",
  "histogram_quantile",
  "on",
  "ignoring",
  "and",
  "or",
  "unless",
  "bool",
]);

function seriesIn(expr: string): string[] {
  const withoutMatchers = expr.replace(/\{[^}]*\}/g, "").replace(/\[[^\]]*\]/g, "");
  const words = withoutMatchers.match(/[a-zA-Z_:][a-zA-Z0-9_:]*/g) ?? [];
  return words.filter((w) => !PROMQL_WORDS.has(w) && !/^(le|kind|route|status)$/.test(w));
}

describe("ops/prometheus/alerts.yml", () => {
  it("is a rules file whose every alert names only metrics the app exports", async () => {
    const doc = parse(await readFile(RULES, "utf8")) as { groups: { name: string; rules: Rule[] }[] };
    const rules = doc.groups.flatMap((g) => g.rules);
    expect(rules.map((r) => r.alert)).toEqual(
      expect.arrayContaining([
        "PinholeJobsFailing",
        "PinholeManyUploadsRejected",
        "PinholeJobQueueLagging",
        "PinholeHighErrorRate",
        "PinholeSlowResponses",
      ]),
    );
    const exported = await exportedNames();
    for (const rule of rules) {
      const series = seriesIn(rule.expr);
      expect(series.length, rule.alert).toBeGreaterThan(0);
      for (const name of series) expect(exported, `${rule.alert} names ${name}`).toContain(name);
      expect(rule.annotations?.summary, rule.alert).toBeTruthy();
      expect(rule.labels?.severity, rule.alert).toMatch(/^(warning|critical)$/);
    }
  });

  it.skipIf(!promtool.found)(
    `passes promtool check rules${promtool.found ? "" : ` (skipped: ${promtool.reason})`}`,
    () => {
      if (!promtool.found) return;
      const result = spawnSync(promtool.path, ["check", "rules", RULES], { encoding: "utf8" });
      expect(result.stderr + result.stdout).toContain("SUCCESS");
      expect(result.status).toBe(0);
    },
  );
});
