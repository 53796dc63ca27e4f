import type { Element, Root } from 'hast';
import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { collectIds, freeId } from '../../markdown/element-ids.ts';
import { topLevelBlocks } from '../../markdown/rehype-page-marks.ts';
import { pageBreaks, type ArticlePages } from '../page-marks.ts';

/**
 * An EPUB chapter's body with a page break marker (DPUB-ARIA `doc-pagebreak`, EPUB's `pagebreak`) before
 * the block where each of the press copy's pages starts, or after the paragraph a page break cuts, and
 * the id of each marker by its page number, for the page list.
 */
export function insertPageBreaks(body: string, pages: ArticlePages): { html: string; markers: Map<number, string> } {
  const tree = unified().use(rehypeParse, { fragment: true }).parse(body) as Root;
  const taken = collectIds(tree);
  const blocks = topLevelBlocks(tree);
  const markers = new Map<number, string>();
  // From the last break to the first, so that each insertion leaves the places of those before it.
  for (const { page, before } of pageBreaks(pages).reverse()) {
    const id = freeId(`print-page-${page}`, taken);
    markers.set(page, id);
    const marker: Element = { type: 'element', tagName: 'span', properties: { 'epub:type': 'pagebreak', role: 'doc-pagebreak', id, ariaLabel: String(page) }, children: [] };
    const block = blocks[before];
    tree.children.splice(block ? tree.children.indexOf(block) : tree.children.length, 0, marker);
  }
  return { html: unified().use(rehypeStringify).stringify(tree), markers };
}
