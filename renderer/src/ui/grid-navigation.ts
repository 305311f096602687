/**
 * The arithmetic behind PosterGrid: how many columns fit, and where an arrow
 * key moves focus. Pure, so it is tested without a layout engine.
 */

/** Columns for a width: as many cards of at least `minCard` px as fit, never fewer than `minColumns`. */
export function gridColumns(width: number, { minCard = 150, gap = 16, minColumns = 2 } = {}): number {
  if (!Number.isFinite(width) || width <= 0) return minColumns;
  return Math.max(minColumns, Math.floor((width + gap) / (minCard + gap)));
}

/** The index focus moves to for `key`, or null when the key is not a grid key. Stays inside 0..count-1. */
export function nextGridIndex(key: string, index: number, columns: number, count: number, pageRows = 3): number | null {
  if (count === 0) return null;
  const last = count - 1;
  const clamp = (value: number): number => Math.min(last, Math.max(0, value));
  switch (key) {
    case 'ArrowRight':
      return clamp(index + 1);
    case 'ArrowLeft':
      return clamp(index - 1);
    case 'ArrowDown':
      // From the last full row down into a shorter last row: land on its last card.
      return index + columns <= last ? index + columns : Math.floor(index / columns) < Math.floor(last / columns) ? last : index;
    case 'ArrowUp':
      return index - columns >= 0 ? index - columns : index;
    case 'PageDown':
      return clamp(index + columns * pageRows);
    case 'PageUp':
      return clamp(index - columns * pageRows);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}
