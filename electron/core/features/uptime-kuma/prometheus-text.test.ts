import { describe, expect, it } from 'vitest';
import { parsePrometheusText } from './prometheus-text';

describe('parsePrometheusText', () => {
  it('reads samples with and without labels, skipping comments', () => {
    const text = ['# HELP up Is it up', '# TYPE up gauge', 'up 1', 'temp{room="living",floor="1"} 21.5 1700000000000', ''].join('\n');
    expect(parsePrometheusText(text)).toEqual({
      samples: [
        { name: 'up', labels: {}, value: 1 },
        { name: 'temp', labels: { room: 'living', floor: '1' }, value: 21.5 },
      ],
      invalidLines: 0,
    });
  });

  it('unescapes label values and reads special numbers', () => {
    const { samples } = parsePrometheusText(
      ['m{name="say \\"hi\\"",path="C:\\\\media",note="two\\nlines"} NaN', 'a +Inf', 'b -Inf', 'c 1e3', 'd{x="a,b}c"} -2'].join('\n'),
    );
    expect(samples[0]!.labels).toEqual({ name: 'say "hi"', path: 'C:\\media', note: 'two\nlines' });
    expect(samples[0]!.value).toBeNaN();
    expect(samples.slice(1).map((s) => s.value)).toEqual([Infinity, -Infinity, 1000, -2]);
    expect(samples[4]!.labels).toEqual({ x: 'a,b}c' });
  });

  it('counts lines that are not samples instead of throwing', () => {
    const result = parsePrometheusText(['<!DOCTYPE html>', 'ok 1', 'm{a="1"', 'n{a=1} 2', 'o one', 'p 1 2 3'].join('\n'));
    expect(result.samples).toEqual([{ name: 'ok', labels: {}, value: 1 }]);
    expect(result.invalidLines).toBe(5);
  });
});
