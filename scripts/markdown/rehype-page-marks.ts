import type { Element, Root } from 'hast';
import { collectIds, freeId } from './element-ids.ts';

/** The class of the list of empty links that rehypePageMarks appends. */
export const PAGE_MARKS_CLASS = 'page-marks';

/** The blocks a page break is placed before: the elements at the top of an article's body, in order. */
export function topLevelBlocks(tree: Root): Element[] {
  return tree.children.filter((child): child is Element => child.type === 'element');
}

/**
 * For the press copy: gives each block at the top of the article's body an id (its own, or
 * `page-mark-N`) and appends an empty link to each, in order, in a list of class PAGE_MARKS_CLASS.
 * Chromium writes a named destination for every link target, and draws nothing for an empty link: the
 * printed PDF then tells on which page each block starts (see products/page-marks.ts), and the EPUB
 * marks the printed pages at the same blocks. Runs before anything is appended to the body.
 */
export function rehypePageMarks() {
  return (tree: Root) => {
    const taken = collectIds(tree);
    const ids = topLevelBlocks(tree).map((block, index) => {
      if (typeof block.properties.id === 'string' && block.properties.id !== '') return block.properties.id;
      const id = freeId(`page-mark-${index + 1}`, taken);
      block.properties.id = id;
      return id;
    });
    if (ids.length === 0) return;
    const links: Element[] = ids.map((id) => ({ type: 'element', tagName: 'a', properties: { href: `#${id}` }, children: [] }));
    tree.children.push({ type: 'element', tagName: 'div', properties: { className: [PAGE_MARKS_CLASS], ariaHidden: 'true' }, children: links });
  };
}
