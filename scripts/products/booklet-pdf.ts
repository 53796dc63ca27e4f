import { drawObject, Duplex, PDFContentStream, PDFDocument, PDFName, PDFObjectCopier, PDFRawStream, popGraphicsState, PrintScaling, pushGraphicsState, translate, type PDFOperator, type PDFPage, type PDFRef } from 'pdf-lib';
import type { Publication } from '../publication/publication.ts';
import { bookletSides } from './booklet-order.ts';
import { setMetadata } from './finish-pdf.ts';
import { A3_LANDSCAPE, A4_LANDSCAPE, type PaperSize } from './paper.ts';
import { renderedTrim, type Box } from './press-sheet.ts';

/**
 * The booklet for an office printer: the pages Chromium rendered for the press copy, cut to their trim,
 * two to a side of A4 landscape (A3 for trims larger than A5) in saddle-stitch order, meeting at the fold. Printed duplex, flipping
 * on the short edge, then folded and stapled, the sheets read as the press copy does. Takes the pages
 * before they become press sheets; `source` is not changed.
 */
export async function imposeBooklet(publication: Publication, source: PDFDocument, trim: PaperSize): Promise<PDFDocument> {
  const booklet = await PDFDocument.create({ updateMetadata: false });
  setMetadata(booklet, publication);
  const sheet = bookletSheet(trim);
  // Preset the print dialog: at actual size (fitting to the printable area would shrink the pages and
  // move the fold), on both sides, turning on the short edge so that each back prints upright.
  const preferences = booklet.catalog.getOrCreateViewerPreferences();
  preferences.setPrintScaling(PrintScaling.None);
  preferences.setDuplex(Duplex.DuplexFlipShortEdge);
  const copier = PDFObjectCopier.for(source.context, booklet.context);
  const pages = source.getPages();
  const forms: PDFRef[] = [];
  for (const page of pages) forms.push(await pageForm(booklet, copier, page, renderedTrim(page, trim)));
  const fold = sheet.width / 2;
  const y = (sheet.height - trim.height) / 2;
  for (const [left, right] of bookletSides(pages.length)) {
    const side = booklet.addPage([sheet.width, sheet.height]);
    const operators: PDFOperator[] = [];
    for (const [number, x] of [[left, fold - trim.width], [right, fold]] as const) {
      if (number === null) continue;
      const name = side.node.newXObject('Page', forms[number - 1] as PDFRef);
      operators.push(pushGraphicsState(), translate(x, y), drawObject(name), popGraphicsState());
    }
    // A few operators: left uncompressed, since deflating them costs a compressor a side and saves nothing.
    side.node.addContentStream(booklet.context.register(PDFContentStream.of(booklet.context.obj({}), operators, false)));
  }
  return booklet;
}

/** The office paper two trimmed pages fit on side by side: A4 landscape (A5 and smaller), else A3. */
export function bookletSheet(trim: PaperSize): PaperSize {
  return 2 * trim.width <= A4_LANDSCAPE.width && trim.height <= A4_LANDSCAPE.height ? A4_LANDSCAPE : A3_LANDSCAPE;
}

/**
 * A page as a form XObject of `booklet`, cut to `box`. Chromium writes each page as one compressed
 * stream, which is taken as it is: pdf-lib's embedPage would inflate it and deflate it again.
 */
async function pageForm(booklet: PDFDocument, copier: PDFObjectCopier, page: PDFPage, box: Box): Promise<PDFRef> {
  const bounds = { left: box.x, bottom: box.y, right: box.x + box.width, top: box.y + box.height };
  const contents = page.node.Contents();
  if (!(contents instanceof PDFRawStream)) return (await booklet.embedPage(page, bounds)).ref;
  const dict = booklet.context.obj({
    Type: 'XObject',
    Subtype: 'Form',
    FormType: 1,
    BBox: [bounds.left, bounds.bottom, bounds.right, bounds.top],
    Matrix: [1, 0, 0, 1, -bounds.left, -bounds.bottom],
    Resources: copier.copy(page.node.Resources() ?? booklet.context.obj({})),
  });
  for (const key of ['Filter', 'DecodeParms']) {
    const value = contents.dict.get(PDFName.of(key));
    if (value) dict.set(PDFName.of(key), copier.copy(value));
  }
  return booklet.context.register(PDFRawStream.of(dict, contents.contents));
}
