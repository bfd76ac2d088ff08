import { describe, expect, it } from "vitest";
import { formatExactTime, formatRelativeTime } from "./format-relative-time";

describe("formatRelativeTime", () => {
  const now = new Date("2026-12-08T12:00:00Z");
  it("says how long ago, in words", () => {
    expect(formatRelativeTime(new Date("2026-12-08T11:59:30Z"), now)).toBe("just now");
    expect(formatRelativeTime(new Date("2026-12-08T11:57:00Z"), now)).toBe("3 minutes ago");
    expect(formatRelativeTime(new Date("2026-12-07T11:00:00Z"), now)).toBe("yesterday");
  });

  it("gives the exact time in UTC", () => {
    expect(formatExactTime(new Date("2026-12-08T02:35:00Z"))).toBe("Dec 8, 2026, 2:35 AM UTC");
  });
});
