/**
 * Numbers as the Health page shows them; `—` stands for "no data yet".
 */
export const NO_DATA = '—';

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return NO_DATA;
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** 0..1 → "99.5 %"; whole numbers lose the decimal. */
export function formatPercent(share: number | null | undefined): string {
  if (share === null || share === undefined) return NO_DATA;
  const value = Math.round(share * 1000) / 10;
  return `${Number.isInteger(value) ? value.toFixed(0) : value.toFixed(1)} %`;
}
