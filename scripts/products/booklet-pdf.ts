import { Duplex, PDFDocument, PrintScaling } from 'pdf-lib';
import type { Article } from '../manuscript/load-article.ts';
import { bookletSides } from './booklet-order.ts';
import { savePdf, setMetadata } from './finish-pdf.ts';
import { A4_LANDSCAPE } from './paper.ts';
import type { ProductFile } from './pdf.ts';

/**
 * The booklet for an office printer: the press copy's pages cut to their TrimBox, two to a side of A4
 * landscape in saddle-stitch order, meeting at the fold. Printed duplex, flipping on the short edge,
 * then folded and stapled, the sheets read as the press copy does.
 */
export async function renderBookletPdf(article: Article, press: Uint8Array): Promise<ProductFile & { bytes: Uint8Array }> {
  const source = await PDFDocument.load(press, { updateMetadata: false });
  const booklet = await PDFDocument.create({ updateMetadata: false });
  setMetadata(booklet, article);
  // Preset the print dialog: at actual size (fitting to the printable area would shrink the pages and
  // move the fold), on both sides, turning on the short edge so that each back prints upright.
  const preferences = booklet.catalog.getOrCreateViewerPreferences();
  preferences.setPrintScaling(PrintScaling.None);
  preferences.setDuplex(Duplex.DuplexFlipShortEdge);
  const pages = source.getPages();
  const trimmed = await booklet.embedPages(
    pages,
    pages.map((page) => {
      const trim = page.getTrimBox();
      return { left: trim.x, bottom: trim.y, right: trim.x + trim.width, top: trim.y + trim.height };
    }),
  );
  const fold = A4_LANDSCAPE.width / 2;
  for (const [left, right] of bookletSides(pages.length)) {
    const side = booklet.addPage([A4_LANDSCAPE.width, A4_LANDSCAPE.height]);
    const leftPage = left === null ? undefined : trimmed[left - 1];
    const rightPage = right === null ? undefined : trimmed[right - 1];
    if (leftPage) side.drawPage(leftPage, { x: fold - leftPage.width, y: (A4_LANDSCAPE.height - leftPage.height) / 2 });
    if (rightPage) side.drawPage(rightPage, { x: fold, y: (A4_LANDSCAPE.height - rightPage.height) / 2 });
  }
  return { name: `${article.slug}.booklet.pdf`, bytes: await savePdf(booklet) };
}
