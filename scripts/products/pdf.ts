import type { BrowserSession } from '../browser.ts';
import type { SiteFile } from '../browser/page-pool.ts';
import type { Article } from '../manuscript/load-article.ts';
import { finishPdf, setPaperSize } from './finish-pdf.ts';
import { A4 } from './paper.ts';
import { printArticle } from './print-article.ts';

/** What rendering a product needs besides the article: the build's one browser and shared files. */
export interface RenderContext {
  session: BrowserSession;
  shared: ReadonlyMap<string, SiteFile>;
}

/** A file a product adds to the output folder. */
export interface ProductFile {
  name: string;
  bytes: Uint8Array | string;
}

/** Requests a render tried to make outside the build's own files; each becomes a warning. */
export type BlockedRequests = string[];

/** The download PDF: A4, tagged, with bookmarks, running head, page numbers and full metadata. */
export async function renderDownloadPdf(article: Article, context: RenderContext, blocked: BlockedRequests): Promise<ProductFile & { bytes: Uint8Array }> {
  const printed = await printArticle(article, context, blocked, {
    stylesheet: 'pdf.css',
    bodyClass: 'download',
    body: article.body,
    pdf: { outline: true, tagged: true },
  });
  return { name: `${article.slug}.pdf`, bytes: await finishPdf(printed, article, (pdf) => setPaperSize(pdf, A4)) };
}
