/** One named measurement in `npm run bench`: a figure taken in one run, against its goal. */
export interface BenchRow {
  readonly name: string;
  readonly unit: string;
  /** Human-readable target, e.g. "≤ 30". */
  readonly goal: string;
  /** Runs only when a prefix given on the command line selects it (rows that take minutes). */
  readonly explicitOnly?: boolean;
  run(): Promise<BenchOutcome>;
}

export interface BenchOutcome {
  readonly value: number;
  readonly pass: boolean;
  /** What to read the value against, e.g. the same run's noise floor. */
  readonly detail?: string;
}

export interface BenchResult extends BenchOutcome {
  readonly name: string;
  readonly unit: string;
  readonly goal: string;
}
