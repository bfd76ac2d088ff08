// The README's Configuration table and src/env.ts's schema name the same variables, so a setting
// cannot be added (or removed) without its row.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { envSchema } from "@/env";

const README = path.resolve(import.meta.dirname, "../README.md");
// Set by Node and the tools, not by an operator.
const EXEMPT = new Set(["NODE_ENV"]);

/** The variables in the first column of the table under "## Configuration" (a row may name several). */
function configurationTableVariables(markdown: string): string[] {
  const section = markdown.split(/^## Configuration$/m)[1]?.split(/^## /m)[0];
  if (section === undefined) throw new Error("README.md has no ## Configuration section");
  const rows = section.split("\n").filter((line) => line.startsWith("|"));
  const [header, separator, ...body] = rows;
  if (!header?.includes("Variable") || !separator?.startsWith("| -")) {
    throw new Error("the Configuration section's table does not start with a | Variable | header");
  }
  return body.flatMap((row) => {
    const firstCell = row.split("|")[1] ?? "";
    return [...firstCell.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1] ?? "");
  });
}

describe("README.md's Configuration table", () => {
  it("has a row for every variable in src/env.ts and none that the schema lacks", async () => {
    const documented = configurationTableVariables(await readFile(README, "utf8"));
    const schema = Object.keys(envSchema.shape).filter((key) => !EXEMPT.has(key));
    expect(
      documented.filter((v) => !schema.includes(v)),
      "rows with no variable in src/env.ts",
    ).toEqual([]);
    expect(
      schema.filter((v) => !documented.includes(v)),
      "variables with no row in README.md",
    ).toEqual([]);
    expect(new Set(documented).size, "a variable with two rows").toBe(documented.length);
  });

  it("reads the first column of that table only", () => {
    const markdown = [
      "## Configuration",
      "",
      "| Variable | Default | What |",
      "| --- | --- | --- |",
      "| `A_ONE`, `A_TWO` | `B_NOT` | `C_NOT` |",
      "",
      "## Other",
      "| Variable | x |",
      "| --- | --- |",
      "| `D_NOT` | x |",
    ].join("\n");
    expect(configurationTableVariables(markdown)).toEqual(["A_ONE", "A_TWO"]);
  });
});
