// Accessibility checks with axe-core: a page passes when axe finds nothing serious or critical.
// Minor and moderate findings are returned for the caller to log, not failed on.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  /** CSS selectors of (up to five of) the offending elements. */
  targets: string[];
}

/** Runs axe on the page as it is now and fails on any serious or critical violation. */
export async function expectNoSeriousA11yViolations(page: Page, label = page.url()): Promise<AxeFinding[]> {
  const results = await new AxeBuilder({ page }).analyze();
  const findings: AxeFinding[] = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? "unknown",
    help: v.help,
    targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
  }));
  const serious = findings.filter((f) => f.impact === "serious" || f.impact === "critical");
  expect(
    serious,
    `axe on ${label}:\n${serious.map((f) => `${f.impact} ${f.id}: ${f.help} (${f.targets.join(", ")})`).join("\n")}`,
  ).toEqual([]);
  return findings.filter((f) => !serious.includes(f));
}
