/** One named measurement in `npm run bench`: a ratio against a baseline or a figure, taken in one run. */
export interface BenchRow {
  readonly name: string;
  readonly unit: string;
  /** Human-readable target, e.g. "≥ 0.9" or "≤ 5". */
  readonly goal: string;
  /** Runs only when a prefix given on the command line selects it (rows that take minutes). */
  readonly explicitOnly?: boolean;
  run(): Promise<{ value: number; pass: boolean }>;
}

export interface BenchResult {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly goal: string;
  readonly pass: boolean;
}
