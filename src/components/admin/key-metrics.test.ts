import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { KeyMetrics as KeyMetricsData } from "@/server/metrics/read-key-metrics";
import { KeyMetrics } from "./key-metrics";

const base: KeyMetricsData = {
  uploadsToday: 1234,
  uploadBytesToday: 5 * 1024 * 1024,
  storedBytes: 3 * 1024 ** 3,
  queueDepth: 2,
  oldestJobAgeSeconds: 0,
  maxJobLagSeconds: 300,
  failedJobsLast24h: 0,
  downloadsSinceStart: 42,
  downloadBytesSinceStart: 2048,
  p99LatencySeconds: 0.25,
  cacheHitRatio: 0.875,
  since: new Date("2026-11-21T10:00:00Z"),
};

const render = (metrics: KeyMetricsData) => renderToStaticMarkup(createElement(KeyMetrics, { metrics }));
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&gt;/g, ">")
    .replace(/\s+/g, " ");

describe("KeyMetrics", () => {
  it("shows each figure under its label", () => {
    const out = text(render(base));
    expect(out).toContain("Uploads today 1,234 5 MB");
    expect(out).toContain("Stored originals 3 GB");
    expect(out).toContain("Downloads 42 2 KB from this server");
    expect(out).toContain("Job queue 2 nothing waiting");
    expect(out).toContain("p99 response time ≤ 250 ms");
    expect(out).toContain("Page cache hit ratio 87.5%");
    expect(render(base)).toContain('aria-labelledby="key-metrics-title"');
  });

  it("says when a figure is not known yet, and marks what needs attention", () => {
    const html = render({
      ...base,
      p99LatencySeconds: null,
      cacheHitRatio: null,
      oldestJobAgeSeconds: 900,
      failedJobsLast24h: 3,
    });
    const out = text(html);
    expect(out).toContain("p99 response time — no timed requests yet");
    expect(out).toContain("Page cache hit ratio —");
    expect(out).toContain("oldest due job waiting 15 min");
    expect(html.match(/text-danger/g)).toHaveLength(2);
    expect(text(render({ ...base, p99LatencySeconds: Infinity }))).toContain("> 30 s");
  });
});
