import type { Heading } from '../../manuscript/load-article.ts';

/** An entry of the navigation document, with the entries nested under it. */
export interface TocEntry {
  href: string;
  text: string;
  children: TocEntry[];
}

/** A chapter as the contents list it: its file, its title, and its headings in document order. */
export interface ContentsChapter {
  href: string;
  title: string;
  headings: readonly Heading[];
}

/**
 * The EPUB's contents (nav.xhtml and toc.ncx): one entry per chapter, its headings under it, each
 * heading under the nearest one before it of a higher level (an h3 under its h2, an h4 under its h3,
 * an h4 that follows an h2 directly under that h2). An article alone and an issue have the same shape.
 */
export function contentsTree(chapters: readonly ContentsChapter[]): TocEntry[] {
  return chapters.map((chapter) => ({ href: chapter.href, text: chapter.title, children: nestHeadings(chapter.headings, chapter.href) }));
}

/** How many levels the tree has: the NCX declares it. */
export function contentsDepth(entries: readonly TocEntry[]): number {
  return Math.max(0, ...entries.map((entry) => 1 + contentsDepth(entry.children)));
}

function nestHeadings(headings: readonly Heading[], href: string): TocEntry[] {
  const root: TocEntry[] = [];
  const open: { level: number; entry: TocEntry }[] = [];
  for (const heading of headings) {
    const entry: TocEntry = { href: `${href}#${heading.id}`, text: heading.text, children: [] };
    while (open.length > 0 && (open.at(-1)?.level ?? 0) >= heading.level) open.pop();
    (open.at(-1)?.entry.children ?? root).push(entry);
    open.push({ level: heading.level, entry });
  }
  return root;
}
