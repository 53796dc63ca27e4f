import {
  PDFContentStream,
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
  type PDFRef,
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
 * Turns every page of `pdf`, rendered by Chromium at trim plus bleed, into a press sheet: the page is
 * set on a larger MediaBox, clipped to its BleedBox, given its TrimBox, and crop marks in registration
 * colour are drawn at the trim corners outside the bleed. Link annotations go: paper cannot be clicked.
 * The streams that do this are the same on every page of one size, and written once.
 */
export function toPressSheets(pdf: PDFDocument, trim: PaperSize): void {
  const marks = register(pdf, cropMarks(SLUG, SLUG, trim));
  const end = register(pdf, [popGraphicsState()]);
  const registration = registrationColour(pdf);
  const starts = new Map<string, PDFRef>();
  for (const page of pdf.getPages()) {
    const cut = renderedTrim(page, trim);
    const key = `${cut.x} ${cut.y}`;
    const start = starts.get(key) ?? register(pdf, clipToBleed(cut, trim));
    starts.set(key, start);
    toPressSheet(page, trim, { start, end, marks, registration });
  }
}

/** The shared streams and colour space a press sheet is made with. */
interface SheetParts {
  start: PDFRef;
  end: PDFRef;
  marks: PDFRef;
  registration: PDFRef;
}

function toPressSheet(page: PDFPage, trim: PaperSize, parts: SheetParts): void {
  const bleed = { width: trim.width + 2 * BLEED, height: trim.height + 2 * BLEED };
  const sheet = { width: trim.width + 2 * SLUG, height: trim.height + 2 * SLUG };
  const margin = SLUG - BLEED;
  page.node.normalize();
  page.node.wrapContentStreams(parts.start, parts.end);
  page.node.addContentStream(parts.marks);
  const { Resources } = page.node.normalizedEntries();
  let spaces = Resources.lookupMaybe(PDFName.of('ColorSpace'), PDFDict);
  if (!spaces) {
    spaces = page.doc.context.obj({});
    Resources.set(PDFName.of('ColorSpace'), spaces);
  }
  spaces.set(PDFName.of(REGISTRATION), parts.registration);
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

/** The trim moved to its place on the sheet, and what spills past the bleed clipped. */
function clipToBleed(cut: Box, trim: PaperSize): PDFOperator[] {
  return [
    pushGraphicsState(),
    translate(SLUG - cut.x, SLUG - cut.y),
    rectangle(cut.x - BLEED, cut.y - BLEED, trim.width + 2 * BLEED, trim.height + 2 * BLEED),
    PDFOperator.of(PDFOperatorNames.ClipNonZero),
    PDFOperator.of(PDFOperatorNames.EndPath),
  ];
}

/** A stream of a few operators, left uncompressed: deflating a hundred bytes saves nothing and costs a compressor each. */
function register(pdf: PDFDocument, operators: PDFOperator[]): PDFRef {
  return pdf.context.register(PDFContentStream.of(pdf.context.obj({}), operators, false));
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
function registrationColour(pdf: PDFDocument): PDFRef {
  const tint = pdf.context.obj({ FunctionType: 2, Domain: [0, 1], C0: [0, 0, 0, 0], C1: [1, 1, 1, 1], N: 1 });
  return pdf.context.register(pdf.context.obj(['Separation', 'All', 'DeviceCMYK', tint]));
}
