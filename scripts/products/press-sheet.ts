import {
  PDFArray,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFOperator,
  PDFOperatorNames,
  lineTo,
  moveTo,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  setLineWidth,
  stroke,
  translate,
  type PDFDocument,
  type PDFPage,
} from 'pdf-lib';
import { BLEED, mm, type PaperSize } from './paper.ts';

/** Where a crop mark starts, measured from the trim: clear of the bleed, so a cut never shows a mark. */
const MARK_OFFSET = BLEED + mm(2);
const MARK_LENGTH = mm(5);
/** From the trim to the edge of the sheet: room for the marks and a little paper beyond them. */
const SLUG = MARK_OFFSET + MARK_LENGTH + mm(2);
const MARK_WIDTH = 0.25;
const REGISTRATION = 'FolioRegistration';

/**
 * Turns a page Chromium rendered at trim plus bleed into a press sheet: the page is set on a larger
 * MediaBox, clipped to its BleedBox, given its TrimBox, and crop marks in registration colour are drawn
 * at the trim corners outside the bleed. Link annotations go: paper cannot be clicked.
 */
export function toPressSheet(pdf: PDFDocument, page: PDFPage, trim: PaperSize): void {
  const cut = renderedTrim(page, trim);
  const bleed = { width: trim.width + 2 * BLEED, height: trim.height + 2 * BLEED };
  const sheet = { width: trim.width + 2 * SLUG, height: trim.height + 2 * SLUG };
  const margin = SLUG - BLEED;
  // The trim moves to its place on the sheet; what spills past the bleed is clipped.
  const start = pdf.context.contentStream([
    pushGraphicsState(),
    translate(SLUG - cut.x, SLUG - cut.y),
    rectangle(cut.x - BLEED, cut.y - BLEED, bleed.width, bleed.height),
    PDFOperator.of(PDFOperatorNames.ClipNonZero),
    PDFOperator.of(PDFOperatorNames.EndPath),
  ]);
  const end = pdf.context.contentStream([popGraphicsState()]);
  page.node.normalize();
  page.node.wrapContentStreams(pdf.context.register(start), pdf.context.register(end));
  page.node.addContentStream(pdf.context.register(pdf.context.contentStream(cropMarks(SLUG, SLUG, trim))));
  addRegistrationColour(pdf, page);
  page.node.delete(PDFName.of('Annots'));
  page.setMediaBox(0, 0, sheet.width, sheet.height);
  page.setCropBox(0, 0, sheet.width, sheet.height);
  page.setBleedBox(margin, margin, bleed.width, bleed.height);
  page.setTrimBox(SLUG, SLUG, trim.width, trim.height);
}

/** A rectangle on a page, from its lower-left corner, in points. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where the trim lies on a page Chromium rendered at trim plus bleed. Chromium rounds the page size it
 * renders at (437.04 × 612 pt for 154 × 216 mm) and lays out from the top-left corner: the trim starts
 * one bleed in from the top and the left.
 */
export function renderedTrim(page: PDFPage, trim: PaperSize): Box {
  const rendered = page.getMediaBox();
  return { x: rendered.x + BLEED, y: rendered.y + rendered.height - BLEED - trim.height, width: trim.width, height: trim.height };
}

/** Two marks at each corner of the trim box whose lower-left corner is (x, y), each on a line of the trim. */
function cropMarks(x: number, y: number, trim: PaperSize): PDFOperator[] {
  const operators: PDFOperator[] = [
    pushGraphicsState(),
    PDFOperator.of(PDFOperatorNames.StrokingColorspace, [PDFName.of(REGISTRATION)]),
    PDFOperator.of(PDFOperatorNames.StrokingColorN, [PDFNumber.of(1)]),
    setLineWidth(MARK_WIDTH),
  ];
  for (const [cornerX, outX] of [[x, -1], [x + trim.width, 1]] as const) {
    for (const [cornerY, outY] of [[y, -1], [y + trim.height, 1]] as const) {
      operators.push(moveTo(cornerX + outX * MARK_OFFSET, cornerY), lineTo(cornerX + outX * (MARK_OFFSET + MARK_LENGTH), cornerY), stroke());
      operators.push(moveTo(cornerX, cornerY + outY * MARK_OFFSET), lineTo(cornerX, cornerY + outY * (MARK_OFFSET + MARK_LENGTH)), stroke());
    }
  }
  operators.push(popGraphicsState());
  return operators;
}

/** The /All separation: a mark in it prints on every plate, so each plate can be cut to the same line. */
function addRegistrationColour(pdf: PDFDocument, page: PDFPage): void {
  const { Resources } = page.node.normalizedEntries();
  let spaces = Resources.lookupMaybe(PDFName.of('ColorSpace'), PDFDict);
  if (!spaces) {
    spaces = pdf.context.obj({});
    Resources.set(PDFName.of('ColorSpace'), spaces);
  }
  const tint = pdf.context.obj({ FunctionType: 2, Domain: [0, 1], C0: [0, 0, 0, 0], C1: [1, 1, 1, 1], N: 1 });
  const space: PDFArray = pdf.context.obj(['Separation', 'All', 'DeviceCMYK', tint]);
  spaces.set(PDFName.of(REGISTRATION), space);
}
