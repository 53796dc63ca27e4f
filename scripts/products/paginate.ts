import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import type { Publication } from '../publication/publication.ts';
import type { BlockedRequests, RenderContext } from './pdf.ts';
import { printPublication, type Printed, type PrintLayout } from './print-publication.ts';
import { articleAnchor, paperHtml, type PaperEdition, type Pagination } from './publication-html.ts';

/** How many times an issue is laid out at most before its contents' page numbers must hold. */
const MAX_PASSES = 3;

/**
 * What a build remembers of a publication's pages in each paper edition, for the next layout of an
 * issue: an article's number of pages as its own publication; an issue's pages before its first article.
 */
export interface PageCounts {
  download: number;
  press: number;
}

/** A paper edition's PDF as Chromium printed it, with the pages it was laid out to. */
export interface Paged extends Printed {
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
export async function printPaged(publication: Publication, print: (pagination?: Pagination) => Promise<Printed>, padTo = 1, guess?: Pagination): Promise<Paged> {
  if (publication.kind === 'article') {
    const printed = await print();
    return { ...printed, pageCount: (await PDFDocument.load(printed.bytes, { updateMetadata: false })).getPageCount() };
  }
  let pagination = guess;
  for (let pass = 1; ; pass++) {
    const printed = await print(pagination);
    const found = await articlePages(printed.bytes, publication);
    const blanks = (padTo - ((found.pageCount - (pagination?.blanks ?? 0)) % padTo)) % padTo;
    const next: Pagination = { pages: found.pages, blanks };
    if ((pagination && samePagination(pagination, next)) || pass === MAX_PASSES) return { ...printed, pagination: next, pageCount: found.pageCount };
    pagination = next;
  }
}

/**
 * Where an issue's articles should start if each takes the pages it took as a publication of its own
 * (the same stylesheet, each article from a new page) after a front as long as the last one
 * (one page at first): the first layout's numbers, so that one pass is enough when they hold.
 * Undefined where an article's count is unknown.
 */
export function expectedPagination(publication: Publication, counts: ReadonlyMap<string, PageCounts>, edition: keyof PageCounts, padTo = 1): Pagination | undefined {
  if (publication.kind === 'article') return undefined;
  const pages = new Map<string, number>();
  let next = (counts.get(publication.name)?.[edition] ?? 1) + 1;
  for (const article of publication.articles) {
    const count = counts.get(article.slug)?.[edition];
    if (!count) return undefined;
    pages.set(article.slug, next);
    next += count;
  }
  // The pages so far, and the colophon's.
  const printed = next;
  return { pages, blanks: (padTo - (printed % padTo)) % padTo };
}

/** The count to remember of a publication's printed edition (see PageCounts). */
export function pagesToRemember(publication: Publication, printed: Paged): number {
  const [first] = publication.articles;
  if (publication.kind === 'article' || !first) return printed.pageCount;
  return (printed.pagination?.pages.get(first.slug) ?? 2) - 1;
}

/**
 * A paper edition of the publication, its HTML laid out as `layout` says, with an issue's contents
 * numbered as printPaged does, from the pages the context expects.
 */
export async function printEdition(publication: Publication, context: RenderContext, blocked: BlockedRequests, edition: PaperEdition, layout: Omit<PrintLayout, 'html' | 'use'>, padTo = 1): Promise<Paged> {
  return printPaged(
    publication,
    async (pagination) => printPublication(publication, context, blocked, { ...layout, use: edition, html: await paperHtml(publication, edition, context.slugs, pagination) }),
    padTo,
    expectedPagination(publication, context.pageCounts, edition, padTo),
  );
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
  const pageOf = destinationPages(pdf);
  const pages = new Map<string, number>();
  for (const article of publication.articles) {
    const page = pageOf(articleAnchor(article));
    if (page !== undefined) pages.set(article.slug, page);
  }
  return { pages, pageCount: pdf.getPageCount() };
}

/** The page (from 1) of each named destination Chromium wrote for a link's target, by its name. */
export function destinationPages(pdf: PDFDocument): (name: string) => number | undefined {
  const pageIndex = new Map(pdf.getPages().map((page, index) => [page.ref.toString(), index + 1]));
  const dests = pdf.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  return (name) => {
    const ref = dests?.lookupMaybe(PDFName.of(name), PDFArray)?.get(0);
    return ref instanceof PDFRef ? pageIndex.get(ref.toString()) : undefined;
  };
}
