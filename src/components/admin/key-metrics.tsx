import type { KeyMetrics as KeyMetricsData } from "@/server/metrics/read-key-metrics";
import { formatBytes } from "@/components/upload/format-bytes";

const count = new Intl.NumberFormat("en");
const percent = new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 1 });

function formatSeconds(seconds: number): string {
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

interface Tile {
  label: string;
  value: string;
  note?: string;
  /** Worth an operator's attention (failed jobs, a lagging queue). */
  alert?: boolean;
}

function tiles(m: KeyMetricsData): Tile[] {
  return [
    { label: "Uploads today", value: count.format(m.uploadsToday), note: formatBytes(m.uploadBytesToday) },
    { label: "Stored originals", value: formatBytes(m.storedBytes) },
    {
      label: "Downloads",
      value: count.format(m.downloadsSinceStart),
      note: `${formatBytes(m.downloadBytesSinceStart)} from this server`,
    },
    {
      label: "Job queue",
      value: count.format(m.queueDepth),
      note:
        m.oldestJobAgeSeconds > 0
          ? `oldest due job waiting ${formatSeconds(m.oldestJobAgeSeconds)}`
          : "nothing waiting",
      alert: m.oldestJobAgeSeconds > m.maxJobLagSeconds,
    },
    {
      label: "Failed jobs",
      value: count.format(m.failedJobsLast24h),
      note: "last 24 hours",
      alert: m.failedJobsLast24h > 0,
    },
    {
      label: "p99 response time",
      value:
        m.p99LatencySeconds === null
          ? "—"
          : m.p99LatencySeconds === Infinity
            ? "> 30 s"
            : `≤ ${formatSeconds(m.p99LatencySeconds)}`,
      note: m.p99LatencySeconds === null ? "no timed requests yet" : "this server",
    },
    {
      label: "Page cache hit ratio",
      value: m.cacheHitRatio === null ? "—" : percent.format(m.cacheHitRatio),
      note: "anonymous visitors' pages, this server",
    },
  ];
}

/** The operator's summary (for the admin page); the data comes from readKeyMetrics. */
export function KeyMetrics({ metrics }: { metrics: KeyMetricsData }) {
  return (
    <section aria-labelledby="key-metrics-title" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="key-metrics-title" className="text-lg font-semibold text-foreground">
          Key metrics
        </h2>
        <p className="text-xs text-muted">
          Per-server figures since{" "}
          <time dateTime={metrics.since.toISOString()}>{metrics.since.toUTCString()}</time>
        </p>
      </div>
      <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {tiles(metrics).map((tile) => (
          <div
            key={tile.label}
            className={`flex flex-col gap-1 rounded-lg border bg-surface p-4 ${
              tile.alert ? "border-danger" : "border-border"
            }`}
          >
            <dt className="text-sm text-muted">{tile.label}</dt>
            <dd className={`text-2xl font-semibold ${tile.alert ? "text-danger" : "text-foreground"}`}>
              {tile.value}
            </dd>
            {tile.note ? <dd className="text-xs text-muted">{tile.note}</dd> : null}
          </div>
        ))}
      </dl>
    </section>
  );
}
