/**
 * Recent response times as a small line; gaps (failed checks) break it.
 * Plain SVG until the shared Sparkline arrives.
 */
export interface ResponseSparklineProps {
  readonly values: readonly (number | null)[];
  readonly width?: number;
  readonly height?: number;
}

export function sparkPath(values: readonly (number | null)[], width: number, height: number): string {
  const known = values.filter((value): value is number => value !== null);
  if (known.length === 0) return '';
  const min = Math.min(...known);
  const max = Math.max(...known);
  const step = values.length > 1 ? (width - 4) / (values.length - 1) : 0;
  let path = '';
  let drawing = false;
  values.forEach((value, index) => {
    if (value === null) {
      drawing = false;
      return;
    }
    const x = 2 + index * step;
    const y = max === min ? height / 2 : 2 + (1 - (value - min) / (max - min)) * (height - 4);
    path += `${drawing ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)}`;
    drawing = true;
  });
  return path;
}

export function ResponseSparkline({ values, width = 120, height = 28 }: ResponseSparklineProps) {
  const known = values.filter((value): value is number => value !== null);
  const label =
    known.length === 0 ? 'Response times: no data yet' : `Response times of the last ${values.length} checks: ${Math.round(Math.min(...known))} to ${Math.round(Math.max(...known))} ms`;
  return (
    <svg className="health-spark" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <line className="health-spark__base" x1={0} x2={width} y1={height - 0.5} y2={height - 0.5} />
      <path className="health-spark__line" d={sparkPath(values, width, height)} />
    </svg>
  );
}
