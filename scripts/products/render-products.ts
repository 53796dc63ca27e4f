import { byteLength } from '../output.ts';
import type { Publication } from '../publication/publication.ts';
import { bookletSheet } from './booklet-pdf.ts';
import { renderEpub } from './epub.ts';
import type { PageCounts } from './paginate.ts';
import { paperName } from './paper.ts';
import { renderDownloadPdf, type ProductFile, type RenderContext } from './pdf.ts';
import { renderPressPdf } from './press-pdf.ts';
import { renderWebContent, type Download, type WebContent } from './web.ts';

/**
 * Every product of one publication: the download PDF, the press copy and the booklet imposed from it,
 * the EPUB, and the web edition's content (its page is made with the site's, see render-site.ts). Requests the renders tried to make outside the
 * build's files become warnings on the publication. Undefined where a product found an error, which
 * is then a fatal message on the publication's file. Each file is handed to `keep` as soon as it is
 * made, to be written while the others render (the paper editions are done well before the EPUB).
 */
export async function renderProducts(
  publication: Publication,
  context: RenderContext,
  keep: (files: readonly ProductFile[]) => Promise<void>,
): Promise<{ downloads: Download[]; web: WebContent; files: ProductFile[]; pages: PageCounts } | undefined> {
  const blocked: string[] = [];
  // The EPUB marks the press copy's pages: it waits for them once its cover is drawing.
  const pressCopy = renderPressPdf(publication, context, blocked);
  const kept = async <T extends ProductFile>(file: T) => {
    await keep([file]);
    return file;
  };
  const [pdf, paper, epub] = await Promise.all([
    renderDownloadPdf(publication, context, blocked).then(kept),
    pressCopy.then(async (printed) => {
      if (printed) await keep([printed.press, printed.booklet]);
      return printed;
    }),
    renderEpub(publication, context, blocked, pressCopy.then((printed) => printed?.pageMarks)).then(kept),
  ]);
  for (const url of new Set(blocked)) {
    publication.file.message(`blocked a request for ${url} while rendering: a publication only uses files inside its manuscript folder`, {
      ruleId: 'blocked-request',
      source: 'folio',
    });
  }
  if (!paper) return undefined;
  const { press, booklet } = paper;
  const pdfFile = { name: pdf.name, bytes: pdf.bytes };
  const { labels } = publication;
  const downloads: Download[] = [
    { name: pdf.name, label: labels.downloadPdf, format: 'PDF', type: 'application/pdf', size: byteLength(pdf.bytes), use: 'read' },
    { name: epub.name, label: labels.downloadEpub, format: 'EPUB', type: 'application/epub+zip', size: byteLength(epub.bytes), use: 'read' },
    { name: press.name, label: labels.downloadPrint.replace('{trim}', paperName(publication.trim)), format: 'PDF', type: 'application/pdf', size: byteLength(press.bytes), use: 'print' },
    { name: booklet.name, label: labels.downloadBooklet.replace('{sheet}', paperName(bookletSheet(publication.trim))), format: 'PDF', type: 'application/pdf', size: byteLength(booklet.bytes), use: 'print' },
  ];
  const web = await renderWebContent(publication, context.slugs);
  return { downloads, web, files: [pdfFile, press, booklet, epub], pages: { download: pdf.pages, press: paper.pages } };
}
