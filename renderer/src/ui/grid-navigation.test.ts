import { describe, expect, it } from 'vitest';
import { gridColumns, nextGridIndex } from './grid-navigation';

describe('gridColumns', () => {
  it('fits cards of 150 px or more with 16 px gaps', () => {
    expect(gridColumns(1100)).toBe(6);
    expect(gridColumns(1440 - 232 - 64)).toBe(6);
    expect(gridColumns(166 * 8 - 16)).toBe(8);
    expect(gridColumns(166 * 8 - 17)).toBe(7);
  });

  it('keeps two columns on a phone and when the width is not known yet', () => {
    expect(gridColumns(358)).toBe(2);
    expect(gridColumns(200)).toBe(2);
    expect(gridColumns(0)).toBe(2);
    expect(gridColumns(Number.NaN)).toBe(2);
  });
});

describe('nextGridIndex', () => {
  // 10 cards in 4 columns: rows 0-3, 4-7, 8-9.
  const move = (key: string, index: number): number | null => nextGridIndex(key, index, 4, 10);

  it('moves left and right along the reading order, stopping at the ends', () => {
    expect(move('ArrowRight', 0)).toBe(1);
    expect(move('ArrowRight', 3)).toBe(4);
    expect(move('ArrowLeft', 4)).toBe(3);
    expect(move('ArrowLeft', 0)).toBe(0);
    expect(move('ArrowRight', 9)).toBe(9);
  });

  it('moves up and down by a row', () => {
    expect(move('ArrowDown', 1)).toBe(5);
    expect(move('ArrowUp', 5)).toBe(1);
    expect(move('ArrowUp', 2)).toBe(2);
  });

  it('drops into a shorter last row on its last card, and stays put on the last row', () => {
    expect(move('ArrowDown', 7)).toBe(9);
    expect(move('ArrowDown', 5)).toBe(9);
    expect(move('ArrowDown', 9)).toBe(9);
    expect(move('ArrowDown', 8)).toBe(8);
  });

  it('jumps with Home, End and the page keys', () => {
    expect(move('Home', 6)).toBe(0);
    expect(move('End', 2)).toBe(9);
    expect(move('PageDown', 0)).toBe(9);
    expect(nextGridIndex('PageDown', 0, 2, 20, 3)).toBe(6);
    expect(nextGridIndex('PageUp', 7, 2, 20, 3)).toBe(1);
  });

  it('ignores other keys and empty grids', () => {
    expect(move('Enter', 3)).toBeNull();
    expect(nextGridIndex('ArrowRight', 0, 4, 0)).toBeNull();
  });
});
