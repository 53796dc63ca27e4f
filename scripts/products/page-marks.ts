import type { PDFDocument } from 'pdf-lib';
import { PAGE_MARKS_CLASS } from '../markdown/rehype-page-marks.ts';
import type { Publication } from '../publication/publication.ts';
import { destinationPages } from './paginate.ts';
import { articleAnchor } from './publication-html.ts';

/** Where the press copy's pages break in each article: its first and last pages, and the page each of its blocks starts on. */
export interface ArticlePages {
  first: number;
  /** Its last page: one may hold no block's start, only the end of one, or the article's credit. */
  last: number;
  /** By block, in the order of the body's top-level elements (see rehypePageMarks). */
  blocks: number[];
}

/** The press copy's pages, by article slug, for the EPUB's page list. */
export type PageMarks = Map<string, ArticlePages>;

/** The block ids an article's press body lists in its page marks, in order. */
function markedIds(printBody: string): string[] {
  const marks = new RegExp(`<div class="${PAGE_MARKS_CLASS}"[^>]*>(.*?)</div>`, 's').exec(printBody)?.[1] ?? '';
  return [...marks.matchAll(/href="#([^"]+)"/g)].map((match) => match[1] as string);
}

/**
 * Reads from the printed press copy, before its pages are cut to sheets, on which page each article's
 * blocks start: Chromium writes a named destination for every block that rehypePageMarks linked to. An
 * issue's ids carry their article's prefix. A block without a destination counts as on the page before.
 * An article ends where the next starts; the last one on `lastPage`, before an issue's blank pages and colophon.
 */
export function readPageMarks(pdf: PDFDocument, publication: Publication, firstPages: ReadonlyMap<string, number>, lastPage: number): PageMarks {
  const pageOf = destinationPages(pdf);
  const marks: PageMarks = new Map();
  for (const [index, article] of publication.articles.entries()) {
    const prefix = publication.kind === 'issue' ? `${articleAnchor(article)}--` : '';
    const first = firstPages.get(article.slug) ?? 1;
    const next = publication.articles[index + 1];
    let reached = first;
    const blocks = markedIds(article.printBody).map((id) => (reached = Math.max(reached, pageOf(`${prefix}${id}`) ?? reached)));
    const last = Math.max(reached, next ? (firstPages.get(next.slug) ?? reached + 1) - 1 : lastPage);
    marks.set(article.slug, { first, last, blocks });
  }
  return marks;
}

/**
 * The block each page break goes before: for every page of the article, the first block that starts on
 * it or later; the end of the body for a page that no block starts on or after.
 */
export function pageBreaks({ first, last: end, blocks }: ArticlePages): { page: number; before: number }[] {
  const last = Math.max(first, end, ...blocks);
  const breaks: { page: number; before: number }[] = [];
  for (let page = first; page <= last; page++) {
    const index = page === first ? 0 : blocks.findIndex((start) => start >= page);
    breaks.push({ page, before: index === -1 ? blocks.length : index });
  }
  return breaks;
}
