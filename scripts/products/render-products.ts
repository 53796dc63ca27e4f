import type { Article } from '../manuscript/load-article.ts';
import { byteLength } from '../output.ts';
import { renderEpub } from './epub.ts';
import { renderDownloadPdf, type ProductFile, type RenderContext } from './pdf.ts';
import { renderPressPdf } from './press-pdf.ts';
import { renderWebEdition, type Download } from './web.ts';

/**
 * Every product of one article: the download PDF, the press copy and the booklet imposed from it, the
 * EPUB, and the web edition that links to them all. Requests the renders tried to make outside the
 * build's files become warnings on the article.
 */
export async function renderArticleProducts(article: Article, context: RenderContext): Promise<{ downloads: Download[]; files: ProductFile[] }> {
  const blocked: string[] = [];
  const [pdf, { press, booklet }, epub] = await Promise.all([
    renderDownloadPdf(article, context, blocked),
    renderPressPdf(article, context, blocked),
    renderEpub(article, context, blocked),
  ]);
  for (const url of new Set(blocked)) {
    article.file.message(`blocked a request for ${url} while rendering: a publication only uses files inside its manuscript folder`, {
      ruleId: 'blocked-request',
      source: 'folio',
    });
  }
  const { labels } = article;
  const downloads: Download[] = [
    { name: pdf.name, label: labels.downloadPdf, format: 'PDF', type: 'application/pdf', size: byteLength(pdf.bytes) },
    { name: press.name, label: labels.downloadPrint, format: 'PDF', type: 'application/pdf', size: byteLength(press.bytes) },
    { name: booklet.name, label: labels.downloadBooklet, format: 'PDF', type: 'application/pdf', size: byteLength(booklet.bytes) },
    { name: epub.name, label: labels.downloadEpub, format: 'EPUB', type: 'application/epub+zip', size: byteLength(epub.bytes) },
  ];
  const web = await renderWebEdition(article, downloads);
  return { downloads, files: [web, pdf, press, booklet, epub] };
}
