/** One side of a booklet sheet: the page numbers (1-based) on its left and right half; null is a blank page. */
export type BookletSide = readonly [left: number | null, right: number | null];

/**
 * The sides of a saddle-stitched booklet of `pageCount` pages, in print order: front and back of the
 * first sheet, then of the next. Pages are padded with blanks to a multiple of four, since every sheet
 * folds into four pages; the blanks fall at the end. Each sheet's back is printed upright, for duplex
 * printing that flips on the short edge.
 */
export function bookletSides(pageCount: number): BookletSide[] {
  if (!Number.isInteger(pageCount) || pageCount < 0) throw new RangeError(`a booklet needs a whole number of pages, not ${pageCount}`);
  const padded = Math.ceil(pageCount / 4) * 4;
  const page = (number: number) => (number <= pageCount ? number : null);
  const sides: BookletSide[] = [];
  for (let sheet = 0; sheet < padded / 4; sheet++) {
    sides.push([page(padded - 2 * sheet), page(2 * sheet + 1)]);
    sides.push([page(2 * sheet + 2), page(padded - 2 * sheet - 1)]);
  }
  return sides;
}
