// The shape every benchmark file `bench/<id>.ts` exports as `benchmark`; bench/run.ts finds them itself.

export interface BenchContext {
  /** The repository root (the working directory of `npm run bench`). */
  root: string;
  /** `--key=value` flags from the command line, e.g. `npm run bench -- thumbs --seconds=5`. */
  options: Readonly<Record<string, string>>;
  /** Prints one figure as one line, as soon as it is known. */
  figure(label: string, value: number | string, unit?: string): void;
  /** Progress for the person watching; not written to the results. */
  log(message: string): void;
}

export interface Goal {
  /** e.g. "≥ 0.9× the bare sharp script". */
  text: string;
  /** The measured value in words, e.g. "1.31×". */
  measured: string;
  /** Undefined when the baseline could not run. */
  met: boolean | undefined;
}

export interface BenchResult {
  /** One Markdown table: the contenders (or cases) as rows. */
  table: { columns: string[]; rows: string[][] };
  goals: Goal[];
  /** How it was measured, what was skipped and why. */
  notes: string[];
}

export interface Benchmark {
  id: string;
  /** One line: what is measured, against what. */
  title: string;
  run(context: BenchContext): Promise<BenchResult>;
}
