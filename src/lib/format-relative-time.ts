const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 60 * 60],
  ["month", 30 * 24 * 60 * 60],
  ["week", 7 * 24 * 60 * 60],
  ["day", 24 * 60 * 60],
  ["hour", 60 * 60],
  ["minute", 60],
];

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "just now", "5 minutes ago", "yesterday", "3 weeks ago"… Truncates, so 1h59m is "1 hour ago". */
export function formatRelativeTime(date: Date, now: Date = new Date()): string {
  const seconds = (date.getTime() - now.getTime()) / 1000;
  if (Math.abs(seconds) < 60) return "just now";
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return relative.format(Math.trunc(seconds / size), unit);
  }
  return "just now";
}

const calendar = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

/** "Nov 21, 2025". */
export function formatDate(date: Date): string {
  return calendar.format(date);
}

const exact = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** "Dec 8, 2026, 2:35 AM UTC": the exact time behind a relative one (on hover). In UTC, so the
 * server's and the browser's renderings agree. */
export function formatExactTime(date: Date): string {
  return `${exact.format(date)} UTC`;
}
