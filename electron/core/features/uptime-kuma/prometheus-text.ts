/**
 * A reader for the Prometheus text exposition format (version 0.0.4), enough
 * for Uptime Kuma's `/metrics`: `name{label="value",…} value [timestamp]`
 * lines, `#` comments, label values with `\\`, `\"` and `\n` escapes, and the
 * special values NaN, +Inf and -Inf. Lines that do not parse are counted, not
 * thrown, so one odd metric never hides the rest.
 */

export interface PrometheusSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface PrometheusText {
  readonly samples: readonly PrometheusSample[];
  /** Non-comment lines that were not samples. */
  readonly invalidLines: number;
}

const NAME = /^[A-Za-z_:][A-Za-z0-9_:]*/;
const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

function parseValue(text: string): number | null {
  switch (text) {
    case 'NaN':
      return Number.NaN;
    case '+Inf':
    case 'Inf':
      return Number.POSITIVE_INFINITY;
    case '-Inf':
      return Number.NEGATIVE_INFINITY;
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return null;
  return Number(text);
}

/** Reads `{a="1",b="x\"y"}` from `text` at `start` (the `{`); returns the labels and the index after `}`. */
function parseLabels(text: string, start: number): { labels: Record<string, string>; end: number } | null {
  const labels: Record<string, string> = {};
  let i = start + 1;
  for (;;) {
    while (text[i] === ' ') i++;
    if (text[i] === '}') return { labels, end: i + 1 };
    const name = LABEL_NAME.exec(text.slice(i));
    if (!name) return null;
    i += name[0].length;
    while (text[i] === ' ') i++;
    if (text[i] !== '=' || text[i + 1] !== '"') return null;
    i += 2;
    let value = '';
    for (;;) {
      const char = text[i];
      if (char === undefined) return null;
      if (char === '"') break;
      if (char === '\\') {
        const next = text[i + 1];
        value += next === 'n' ? '\n' : (next ?? '');
        i += 2;
        continue;
      }
      value += char;
      i++;
    }
    labels[name[0]] = value;
    i++;
    while (text[i] === ' ') i++;
    if (text[i] === ',') i++;
    else if (text[i] !== '}') return null;
  }
}

export function parsePrometheusText(body: string): PrometheusText {
  const samples: PrometheusSample[] = [];
  let invalidLines = 0;
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const name = NAME.exec(line);
    if (!name) {
      invalidLines++;
      continue;
    }
    let rest = line.slice(name[0].length);
    let labels: Record<string, string> = {};
    if (rest.startsWith('{')) {
      const parsed = parseLabels(rest, 0);
      if (!parsed) {
        invalidLines++;
        continue;
      }
      labels = parsed.labels;
      rest = rest.slice(parsed.end);
    }
    const [valueText, timestamp, ...extra] = rest.trim().split(/\s+/);
    const value = valueText === undefined ? null : parseValue(valueText);
    if (value === null || extra.length > 0 || (timestamp !== undefined && !/^-?\d+$/.test(timestamp))) {
      invalidLines++;
      continue;
    }
    samples.push({ name: name[0], labels, value });
  }
  return { samples, invalidLines };
}
