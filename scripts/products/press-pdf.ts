import type { Article } from '../manuscript/load-article.ts';
import { finishPdf } from './finish-pdf.ts';
import { A5 } from './paper.ts';
import type { BlockedRequests, ProductFile, RenderContext } from './pdf.ts';
import { toPressSheet } from './press-sheet.ts';
import { printArticle } from './print-article.ts';

/**
 * The press copy: A5 pages with 3 mm bleed and crop marks, every link's address printed, black text.
 * Chromium renders at trim plus bleed (templates/styles/press.css); pdf-lib then sets the boxes and marks.
 */
export async function renderPressPdf(article: Article, context: RenderContext, blocked: BlockedRequests): Promise<ProductFile & { bytes: Uint8Array }> {
  const printed = await printArticle(article, context, blocked, {
    stylesheet: 'press.css',
    bodyClass: 'press',
    body: article.printBody,
    // Bookmarks and tags serve screen readers; a press works from the page alone.
    pdf: { outline: false, tagged: false },
  });
  const bytes = await finishPdf(printed, article, (pdf) => {
    for (const page of pdf.getPages()) toPressSheet(pdf, page, A5);
  });
  return { name: `${article.slug}.print.pdf`, bytes };
}
