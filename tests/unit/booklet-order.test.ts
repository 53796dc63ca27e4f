import { describe, expect, it } from 'vitest';
import { bookletSides } from '../../scripts/products/booklet-order.ts';

describe('saddle-stitch page order', () => {
  it('puts eight pages on two sheets, outer sheet first', () => {
    expect(bookletSides(8)).toEqual([
      [8, 1],
      [2, 7],
      [6, 3],
      [4, 5],
    ]);
  });

  it('pads to a multiple of four with blank pages at the end', () => {
    expect(bookletSides(5)).toEqual([
      [null, 1],
      [2, null],
      [null, 3],
      [4, 5],
    ]);
    expect(bookletSides(2)).toEqual([
      [null, 1],
      [2, null],
    ]);
  });

  it('gives ceil(pages / 4) × 2 sides and every page exactly once', () => {
    for (let pages = 1; pages <= 41; pages++) {
      const sides = bookletSides(pages);
      expect(sides).toHaveLength(Math.ceil(pages / 4) * 2);
      const printed = sides.flat().filter((page): page is number => page !== null);
      expect([...printed].sort((a, b) => a - b)).toEqual(Array.from({ length: pages }, (_, index) => index + 1));
    }
  });

  it('faces consecutive pages across the fold: the pair in the middle reads in order', () => {
    const sides = bookletSides(12);
    expect(sides.at(-1)).toEqual([6, 7]);
    // Folded, each sheet's two halves add up to the same total: first + last page.
    for (const [left, right] of sides) expect((left ?? 0) + (right ?? 0)).toBe(13);
  });

  it('makes no sides for no pages and refuses a fraction', () => {
    expect(bookletSides(0)).toEqual([]);
    expect(() => bookletSides(2.5)).toThrow(RangeError);
  });
});
