import { describe, expect, it } from 'vitest';
import type { BenchRow } from './bench-row';
import { formatTable, parseArgs, runRows, selectRows } from './harness';

const row = (name: string, value: number, fail = false): BenchRow => ({
  name,
  unit: 'x',
  goal: '≥ 1',
  run: async () => {
    if (fail) throw new Error('broke');
    return { value, pass: value >= 1 };
  },
});

describe('bench harness', () => {
  it('parses --json and prefixes', () => {
    expect(parseArgs(['gateway.', '--json'])).toEqual({ json: true, prefixes: ['gateway.'] });
  });

  it('selects rows by name prefix, or all without one', () => {
    const rows = [row('core.ready_ms', 1), row('gateway.overhead_us', 1)];
    expect(selectRows(rows, ['gate']).map((r) => r.name)).toEqual(['gateway.overhead_us']);
    expect(selectRows(rows, [])).toHaveLength(2);
  });

  it('records a failing row as NaN and not passed, and goes on', async () => {
    const seen: string[] = [];
    const results = await runRows([row('a', 0, true), row('b', 2)], (r) => seen.push(r.name));
    expect(seen).toEqual(['a', 'b']);
    expect(results[0]).toMatchObject({ name: 'a', pass: false });
    expect(Number.isNaN(results[0]!.value)).toBe(true);
    expect(results[1]).toEqual({ name: 'b', value: 2, unit: 'x', goal: '≥ 1', pass: true });
  });

  it('prints a markdown table with one line per row and its detail', () => {
    const table = formatTable([
      { name: 'b', value: 0.95, unit: 'ratio', goal: '≥ 0.9', pass: true },
      { name: 'c', value: 12.345, unit: 'µs', goal: '≤ 30', pass: true, detail: 'noise floor 0.4 µs' },
    ]);
    expect(table.split('\n')).toEqual([
      '| row | value | unit | goal | pass | detail |',
      '| --- | ---: | --- | --- | --- | --- |',
      '| b | 0.950 | ratio | ≥ 0.9 | yes |  |',
      '| c | 12.3 | µs | ≤ 30 | yes | noise floor 0.4 µs |',
    ]);
  });
});
