import type { BrowserSession } from '../browser.ts';
import type { SiteFile } from '../browser/page-pool.ts';
import type { ImageStore } from '../images/image-store.ts';
import type { Publication } from '../publication/publication.ts';
import { makeAccessible } from './accessible-pdf.ts';
import { finishPdf, setPaperSize } from './finish-pdf.ts';
import { pagesToRemember, printEdition, type PageCounts } from './paginate.ts';
import { placeOriginals } from './placed-images.ts';
import { A4 } from './paper.ts';

/** What rendering a product needs besides the publication: the build's one browser and shared files. */
export interface RenderContext {
  session: BrowserSession;
  shared: ReadonlyMap<string, SiteFile>;
  /** Every manuscript's slug by its file name: where a link to an article outside the publication goes. */
  slugs: ReadonlyMap<string, string>;
  /** What earlier builds learnt of each publication's pages, by its name: an issue's first layout guesses from it. */
  pageCounts: ReadonlyMap<string, PageCounts>;
  /** Every image's files for each product, made once per build and cached between builds. */
  images: ImageStore;
}

/** A file a product adds to the output folder. */
export interface ProductFile {
  name: string;
  bytes: Uint8Array | string;
}

/** Requests a render tried to make outside the build's own files; each becomes a warning. */
export type BlockedRequests = string[];

/**
 * The download PDF: A4, tagged, with bookmarks (an issue's articles with their headings under them),
 * running head, page numbers and full metadata; PDF/UA-1 and PDF/A-2u (see accessible-pdf.ts).
 */
export async function renderDownloadPdf(publication: Publication, context: RenderContext, blocked: BlockedRequests): Promise<ProductFile & { bytes: Uint8Array; pages: number }> {
  const printed = await printEdition(publication, context, blocked, 'download', { stylesheet: 'pdf.css', bodyClass: 'download', pdf: { outline: true, tagged: true } });
  let figuresWithoutAlt = 0;
  const bytes = await finishPdf(printed.bytes, publication, async (pdf) => {
    placeOriginals(pdf, printed.standIns);
    setPaperSize(pdf, A4);
    ({ figuresWithoutAlt } = await makeAccessible(pdf, publication));
  });
  if (figuresWithoutAlt > 0) {
    publication.file.message(`${figuresWithoutAlt} image(s) have no description, so the download PDF does not claim PDF/UA: write what each image shows between the brackets of ![…](…)`, {
      ruleId: 'pdf-ua-alt',
      source: 'folio',
    });
  }
  return { name: `${publication.name}.pdf`, bytes, pages: pagesToRemember(publication, printed) };
}
