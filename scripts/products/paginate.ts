import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import type { Publication } from '../publication/publication.ts';
import { articleAnchor, type Pagination } from './publication-html.ts';

/** How many times an issue is laid out at most before its contents' page numbers must hold. */
const MAX_PASSES = 3;

/** A paper edition's PDF as Chromium printed it, with the pages it was laid out to. */
export interface Paged {
  bytes: Uint8Array;
  pagination?: Pagination;
  pageCount: number;
}

/**
 * Prints a publication whose contents list page numbers. Chromium cannot print a page number of
 * another element (no target-counter), so an issue is laid out once with placeholders of the same
 * width, the page each article starts on is read from the PDF's link destinations, and it is laid out
 * again with those numbers, until the numbers it prints are the pages the articles start on.
 * `padTo` asks for blank pages before the last page, to a multiple of that many pages (a booklet's four).
 */
export async function printPaged(publication: Publication, print: (pagination?: Pagination) => Promise<Uint8Array>, padTo = 1): Promise<Paged> {
  if (publication.kind === 'article') {
    const bytes = await print();
    return { bytes, pageCount: (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount() };
  }
  let pagination: Pagination | undefined;
  for (let pass = 1; ; pass++) {
    const bytes = await print(pagination);
    const found = await articlePages(bytes, publication);
    const blanks = (padTo - ((found.pageCount - (pagination?.blanks ?? 0)) % padTo)) % padTo;
    const next: Pagination = { pages: found.pages, blanks };
    if ((pagination && samePagination(pagination, next)) || pass === MAX_PASSES) return { bytes, pagination: next, pageCount: found.pageCount };
    pagination = next;
  }
}

function samePagination(a: Pagination, b: Pagination): boolean {
  return a.blanks === b.blanks && a.pages.size === b.pages.size && [...a.pages].every(([slug, page]) => b.pages.get(slug) === page);
}

/**
 * The page (from 1) each article of the issue starts on, read from the named destinations Chromium
 * writes for the contents' links, and the number of pages.
 */
export async function articlePages(bytes: Uint8Array, publication: Publication): Promise<{ pages: Map<string, number>; pageCount: number }> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const pageIndex = new Map(pdf.getPages().map((page, index) => [page.ref.toString(), index + 1]));
  const dests = pdf.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  const pages = new Map<string, number>();
  for (const article of publication.articles) {
    const dest = dests?.lookupMaybe(PDFName.of(articleAnchor(article)), PDFArray);
    const ref = dest?.get(0);
    const page = ref instanceof PDFRef ? pageIndex.get(ref.toString()) : undefined;
    if (page !== undefined) pages.set(article.slug, page);
  }
  return { pages, pageCount: pdf.getPageCount() };
}
