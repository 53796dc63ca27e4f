/** A page or sheet size in PostScript points, the unit of every PDF box. */
export interface PaperSize {
  width: number;
  height: number;
}

/** Millimetres to points (72 to the inch), rounded to a hundredth as page boxes are written. */
export function mm(value: number): number {
  return Math.round((value * 7200) / 25.4) / 100;
}

/** ISO A4 portrait, the download PDF: 595.28 × 841.89 pt. */
export const A4: PaperSize = { width: mm(210), height: mm(297) };

/** ISO A4 landscape, one side of a booklet sheet. */
export const A4_LANDSCAPE: PaperSize = { width: A4.height, height: A4.width };

/** ISO A5 portrait, the trimmed page of the press copy: 419.53 × 595.28 pt. */
export const A5: PaperSize = { width: mm(148), height: mm(210) };

/** How far the press copy's artwork runs past the trim on every side, so that a cut a little off shows no white edge. */
export const BLEED = mm(3);

/** ISO A3 landscape, the booklet sheet for trims too large to sit two on A4. */
export const A3_LANDSCAPE: PaperSize = { width: mm(420), height: mm(297) };

/** The bleed in millimetres, as the press stylesheet's page size counts it. */
export const BLEED_MM = 3;

/** Points to millimetres, rounded to a tenth. */
export function pointsToMm(points: number): number {
  return Math.round((points * 254) / 72) / 10;
}

/** A paper's name where it is an ISO size (A3, A4, A5, A6, B5, B6, upright or turned), else its size in millimetres. */
export function paperName(size: PaperSize): string {
  const [short, long] = [Math.min(size.width, size.height), Math.max(size.width, size.height)].map(pointsToMm) as [number, number];
  const named = Object.entries(ISO_SIZES).find(([, [width, height]]) => Math.abs(width - short) < 0.5 && Math.abs(height - long) < 0.5);
  return named ? named[0] : `${pointsToMm(size.width)} × ${pointsToMm(size.height)} mm`;
}

const ISO_SIZES: Readonly<Record<string, readonly [number, number]>> = { A3: [297, 420], A4: [210, 297], A5: [148, 210], A6: [105, 148], B5: [176, 250], B6: [125, 176] };

/**
 * The width in millimetres of each paper edition's text column, the widest an image is placed at: A4
 * less the download PDF's 27 mm margins (templates/styles/pdf.css), the trim less the press copy's 15 mm
 * inside the trim (press.css sets 18 mm, 3 mm of it bleed). Images are sized for print from these.
 */
export function textColumnsMm(trim: PaperSize): { download: number; press: number } {
  return { download: 210 - 2 * 27, press: pointsToMm(trim.width) - 2 * (18 - BLEED_MM) };
}
