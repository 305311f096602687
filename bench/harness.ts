/**
 * Runs bench rows and prints them as a markdown table or, with `--json`,
 * one JSON object per row. Positional arguments are name prefixes.
 */
import type { BenchOutcome, BenchResult, BenchRow } from './bench-row';

export interface HarnessOptions {
  readonly json: boolean;
  readonly prefixes: readonly string[];
}

export function parseArgs(argv: readonly string[]): HarnessOptions {
  return { json: argv.includes('--json'), prefixes: argv.filter((arg) => !arg.startsWith('--')) };
}

export function selectRows(rows: readonly BenchRow[], prefixes: readonly string[]): BenchRow[] {
  if (prefixes.length === 0) return rows.filter((row) => !row.explicitOnly);
  // A row that runs only when asked needs a prefix that names it, not a shorter one ("plex." is not "plex.scale").
  return rows.filter((row) => prefixes.some((prefix) => row.name.startsWith(prefix) && (!row.explicitOnly || prefix.length >= row.name.lastIndexOf('.'))));
}

function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(Math.abs(value) >= 10 ? 1 : 3);
}

export function formatTable(results: readonly BenchResult[]): string {
  const lines = ['| row | value | unit | goal | pass | detail |', '| --- | ---: | --- | --- | --- | --- |'];
  for (const r of results) {
    lines.push(`| ${r.name} | ${formatValue(r.value)} | ${r.unit} | ${r.goal} | ${r.pass ? 'yes' : 'NO'} | ${r.detail ?? ''} |`);
  }
  return lines.join('\n');
}

export async function runRows(rows: readonly BenchRow[], onResult: (result: BenchResult) => void): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const row of rows) {
    let outcome: BenchOutcome;
    try {
      outcome = await row.run();
    } catch (error) {
      process.stderr.write(`bench row ${row.name} failed: ${(error as Error).message}\n`);
      outcome = { value: Number.NaN, pass: false };
    }
    const result: BenchResult = { name: row.name, unit: row.unit, goal: row.goal, ...outcome };
    results.push(result);
    onResult(result);
  }
  return results;
}
