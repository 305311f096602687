import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_LIMITS, clampWindowState, type Rect } from './window-state';

const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1050 };
const rightMonitor: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };
const small: Rect = { x: 0, y: 0, width: 1024, height: 600 };

describe('clampWindowState', () => {
  it('keeps a window that fits where it was', () => {
    expect(clampWindowState({ x: 100, y: 80, width: 1200, height: 800, maximized: false }, [laptop])).toEqual({
      x: 100,
      y: 80,
      width: 1200,
      height: 800,
      maximized: false,
    });
  });

  it('keeps a window on a secondary display', () => {
    expect(clampWindowState({ x: 2000, y: 100, width: 1400, height: 900 }, [laptop, rightMonitor])).toEqual({
      x: 2000,
      y: 100,
      width: 1400,
      height: 900,
      maximized: false,
    });
  });

  it('drops the position when its display is gone', () => {
    expect(clampWindowState({ x: 2000, y: 100, width: 1400, height: 900, maximized: true }, [laptop])).toEqual({
      width: 1400,
      height: 900,
      maximized: true,
    });
  });

  it('drops the position when only a sliver of the window (not its title bar) is visible', () => {
    expect(clampWindowState({ x: -1190, y: -780, width: 1200, height: 800 }, [laptop])).toEqual({ width: 1200, height: 800, maximized: false });
  });

  it('pulls a window that hangs off an edge fully onto the display', () => {
    expect(clampWindowState({ x: 1500, y: 600, width: 1200, height: 800 }, [laptop])).toEqual({
      x: 720,
      y: 250,
      width: 1200,
      height: 800,
      maximized: false,
    });
  });

  it('moves a window onto the display it overlaps most', () => {
    const state = clampWindowState({ x: 1800, y: 100, width: 1400, height: 900 }, [laptop, rightMonitor]);
    expect(state).toEqual({ x: 1920, y: 100, width: 1400, height: 900, maximized: false });
  });

  it('shrinks a window larger than its display', () => {
    expect(clampWindowState({ x: 0, y: 0, width: 3000, height: 2000 }, [laptop])).toEqual({ x: 0, y: 0, width: 1920, height: 1050, maximized: false });
  });

  it('grows a window below the minimum size, but never past a small display', () => {
    expect(clampWindowState({ x: 10, y: 10, width: 200, height: 100 }, [laptop])).toEqual({
      x: 10,
      y: 10,
      width: DEFAULT_WINDOW_LIMITS.minWidth,
      height: DEFAULT_WINDOW_LIMITS.minHeight,
      maximized: false,
    });
    expect(clampWindowState({ x: 0, y: 0, width: 1280, height: 800 }, [small])).toEqual({ x: 0, y: 0, width: 1024, height: 600, maximized: false });
  });

  it('respects displays with negative coordinates (a monitor left of the primary)', () => {
    const left: Rect = { x: -1920, y: 0, width: 1920, height: 1080 };
    expect(clampWindowState({ x: -1800, y: 50, width: 1000, height: 700 }, [laptop, left])).toEqual({
      x: -1800,
      y: 50,
      width: 1000,
      height: 700,
      maximized: false,
    });
  });

  it.each([
    ['nothing stored', undefined],
    ['null', null],
    ['a string', 'big'],
    ['an array', [1, 2, 3, 4]],
    ['NaN sizes', { x: 0, y: 0, width: Number.NaN, height: 800 }],
    ['infinite sizes', { x: 0, y: 0, width: Number.POSITIVE_INFINITY, height: 800 }],
    ['negative sizes', { x: 0, y: 0, width: -5, height: 800 }],
    ['string numbers', { x: '0', y: '0', width: '1200', height: '800' }],
    ['fractions', { x: 0.5, y: 0, width: 1200.5, height: 800 }],
    ['a non-boolean maximized', { x: 0, y: 0, width: 1200, height: 800, maximized: 'yes' }],
  ])('falls back to the default size for %s', (_name, stored) => {
    expect(clampWindowState(stored, [laptop])).toEqual({
      width: DEFAULT_WINDOW_LIMITS.defaultWidth,
      height: DEFAULT_WINDOW_LIMITS.defaultHeight,
      maximized: false,
    });
  });

  it('fits the default size into a small primary display', () => {
    expect(clampWindowState(undefined, [small])).toEqual({ width: 1024, height: 600, maximized: false });
  });

  it('keeps only the size when the position is partial or there are no displays', () => {
    expect(clampWindowState({ x: 10, width: 1000, height: 700 }, [laptop])).toEqual({ width: 1000, height: 700, maximized: false });
    expect(clampWindowState({ x: 10, y: 10, width: 1000, height: 700 }, [])).toEqual({ width: 1000, height: 700, maximized: false });
  });
});
