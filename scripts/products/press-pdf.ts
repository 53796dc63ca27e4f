import type { PDFDocument } from 'pdf-lib';
import type { Article } from '../manuscript/load-article.ts';
import { imposeBooklet } from './booklet-pdf.ts';
import { finishPdf, savePdf } from './finish-pdf.ts';
import { A5 } from './paper.ts';
import type { BlockedRequests, ProductFile, RenderContext } from './pdf.ts';
import { toPressSheet } from './press-sheet.ts';
import { printArticle } from './print-article.ts';

/**
 * The press copy: A5 pages with 3 mm bleed and crop marks, every link's address printed, black text.
 * Chromium renders at trim plus bleed (templates/styles/press.css); pdf-lib then sets the boxes and marks.
 * The booklet is imposed from the same pages, while Chromium still prints the other editions.
 */
export async function renderPressPdf(
  article: Article,
  context: RenderContext,
  blocked: BlockedRequests,
): Promise<{ press: ProductFile & { bytes: Uint8Array }; booklet: ProductFile & { bytes: Uint8Array } }> {
  const printed = await printArticle(article, context, blocked, {
    stylesheet: 'press.css',
    bodyClass: 'press',
    body: article.printBody,
    // Bookmarks and tags serve screen readers; a press works from the page alone.
    pdf: { outline: false, tagged: false },
  });
  let booklet: PDFDocument | undefined;
  const bytes = await finishPdf(printed, article, async (pdf) => {
    booklet = await imposeBooklet(article, pdf, A5);
    for (const page of pdf.getPages()) toPressSheet(pdf, page, A5);
  });
  return {
    press: { name: `${article.slug}.print.pdf`, bytes },
    booklet: { name: `${article.slug}.booklet.pdf`, bytes: await savePdf(booklet as PDFDocument) },
  };
}
