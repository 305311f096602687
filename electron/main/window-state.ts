/**
 * The main window's size and position, as remembered in `window-state.json`.
 *
 * What is stored is untrusted (hand-edited, or written on a monitor that is
 * gone), so it is parsed with zod and clamped into the displays that exist now:
 * a window never opens off-screen, larger than the screen or smaller than the
 * minimum. The clamp is pure and unit-tested; a WindowStateStore (electron-store
 * in the app, see window-state-store.ts) keeps what is saved.
 */
import { z } from 'zod';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface WindowState {
  /** Absent when the window manager should place the window (first start, lost display). */
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

export interface WindowSizeLimits {
  readonly defaultWidth: number;
  readonly defaultHeight: number;
  readonly minWidth: number;
  readonly minHeight: number;
}

export const DEFAULT_WINDOW_LIMITS: WindowSizeLimits = { defaultWidth: 1280, defaultHeight: 800, minWidth: 800, minHeight: 560 };

const finite = z.number().finite();

export const StoredWindowStateSchema = z.object({
  x: finite.int().optional(),
  y: finite.int().optional(),
  width: finite.int().positive(),
  height: finite.int().positive(),
  maximized: z.boolean().default(false),
});

/** How much of the window (its top strip, where the title bar is) must land on a display to keep the stored position. */
const MIN_VISIBLE_WIDTH = 120;
const MIN_VISIBLE_HEIGHT = 40;

function intersectionArea(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

function clampNumber(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max));
}

/**
 * Turns whatever was stored into bounds that fit the current displays.
 *
 * `workAreas` are the displays' work areas, primary first. Invalid input gives
 * the default size with no position; a window whose title strip is on no
 * display loses its position; otherwise it is shrunk to fit and moved fully
 * onto the display it overlaps most.
 */
export function clampWindowState(stored: unknown, workAreas: readonly Rect[], limits: WindowSizeLimits = DEFAULT_WINDOW_LIMITS): WindowState {
  const primary = workAreas[0];
  const fitSize = (width: number, height: number, area: Rect | undefined): { width: number; height: number } => ({
    width: Math.round(clampNumber(width, Math.min(limits.minWidth, area?.width ?? limits.minWidth), area?.width ?? width)),
    height: Math.round(clampNumber(height, Math.min(limits.minHeight, area?.height ?? limits.minHeight), area?.height ?? height)),
  });
  const fallback = (maximized = false): WindowState => ({ ...fitSize(limits.defaultWidth, limits.defaultHeight, primary), maximized });

  const parsed = StoredWindowStateSchema.safeParse(stored);
  if (!parsed.success) return fallback();
  const { x, y, width, height, maximized } = parsed.data;

  if (x === undefined || y === undefined || workAreas.length === 0) return { ...fitSize(width, height, primary), maximized };

  const titleStrip: Rect = { x, y, width, height: Math.min(height, MIN_VISIBLE_HEIGHT) };
  let best: Rect | undefined;
  let bestArea = 0;
  for (const area of workAreas) {
    const overlap = intersectionArea({ x, y, width, height }, area);
    if (overlap > bestArea) {
      best = area;
      bestArea = overlap;
    }
  }
  const stripVisible = workAreas.some((area) => {
    const overlapWidth = Math.min(titleStrip.x + titleStrip.width, area.x + area.width) - Math.max(titleStrip.x, area.x);
    const overlapHeight = Math.min(titleStrip.y + titleStrip.height, area.y + area.height) - Math.max(titleStrip.y, area.y);
    return overlapWidth >= Math.min(MIN_VISIBLE_WIDTH, width) && overlapHeight >= Math.min(MIN_VISIBLE_HEIGHT, height) / 2;
  });
  if (!best || !stripVisible) return { ...fitSize(width, height, primary), maximized };

  const size = fitSize(width, height, best);
  return {
    x: Math.round(clampNumber(x, best.x, best.x + best.width - size.width)),
    y: Math.round(clampNumber(y, best.y, best.y + best.height - size.height)),
    ...size,
    maximized,
  };
}

/** Where the window's bounds are kept between runs. */
export interface WindowStateStore {
  /** What was saved, unparsed: the clamp validates it. */
  load(): unknown;
  save(state: WindowState): void;
}

/** For tests, and for a run whose store could not be opened: remembers until the process ends. */
export function createMemoryWindowStateStore(initial?: WindowState): WindowStateStore & { readonly saved: WindowState | undefined } {
  let saved = initial;
  return {
    load: () => saved,
    save: (state) => {
      saved = { ...state };
    },
    get saved() {
      return saved;
    },
  };
}
