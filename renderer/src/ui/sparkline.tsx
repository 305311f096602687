/**
 * A small line of recent values (response times of the last hours). Gaps in
 * the data (null: no answer) break the line instead of being drawn as zero.
 */
import './sparkline.css';

export interface SparklineProps {
  readonly values: readonly (number | null)[];
  /** What the line shows, read out with its range: "Response times, last 24 h". */
  readonly label: string;
  /** Words for the numbers in the summary, e.g. ms → "120 ms". */
  readonly format?: (value: number) => string;
  readonly width?: number;
  readonly height?: number;
  readonly tone?: 'accent' | 'ok' | 'warn' | 'danger';
}

const PAD = 2;

/** An SVG path through the values, scaled to the box; one "M" per unbroken run. */
export function sparklinePath(values: readonly (number | null)[], width: number, height: number): string {
  const known = values.filter((value): value is number => value !== null && Number.isFinite(value));
  if (known.length === 0) return '';
  const min = Math.min(...known);
  const max = Math.max(...known);
  const span = max - min || 1;
  const step = values.length > 1 ? (width - 2 * PAD) / (values.length - 1) : 0;
  const round = (n: number): number => Math.round(n * 10) / 10;
  let path = '';
  let drawing = false;
  values.forEach((value, index) => {
    if (value === null || !Number.isFinite(value)) {
      drawing = false;
      return;
    }
    const x = values.length > 1 ? PAD + index * step : width / 2;
    // A flat line sits in the middle rather than on the floor.
    const y = max === min ? height / 2 : PAD + (1 - (value - min) / span) * (height - 2 * PAD);
    path += `${drawing ? 'L' : 'M'}${round(x)} ${round(y)}`;
    drawing = true;
  });
  return path;
}

export function sparklineSummary(values: readonly (number | null)[], label: string, format: (value: number) => string): string {
  const known = values.filter((value): value is number => value !== null && Number.isFinite(value));
  if (known.length === 0) return `${label}: no data yet`;
  const last = known[known.length - 1] as number;
  return `${label}: ${format(Math.min(...known))} to ${format(Math.max(...known))}, latest ${format(last)}`;
}

export function Sparkline({ values, label, format = String, width = 120, height = 32, tone = 'accent' }: SparklineProps) {
  const path = sparklinePath(values, width, height);
  return (
    <svg className="sparkline" data-tone={tone} width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={sparklineSummary(values, label, format)}>
      <line className="sparkline__base" x1={0} x2={width} y1={height - 0.5} y2={height - 0.5} />
      {path ? <path className="sparkline__line" d={path} /> : null}
    </svg>
  );
}
