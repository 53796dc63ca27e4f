import type { Root } from 'hast';
import { visit } from 'unist-util-visit';

const ALIGNMENTS = new Set(['left', 'center', 'right', 'justify']);

/**
 * Turns the `align` of table cells (GFM's column alignment, or raw HTML's) into a class the style sheets
 * set: `align` is obsolete in HTML 5, and a validator rejects it.
 */
export function rehypeTableAlign() {
  return (tree: Root) => {
    visit(tree, 'element', (node) => {
      if (node.tagName !== 'td' && node.tagName !== 'th') return;
      const align = node.properties.align;
      if (align === undefined) return;
      delete node.properties.align;
      const value = String(align).toLowerCase();
      if (!ALIGNMENTS.has(value)) return;
      const classes = Array.isArray(node.properties.className) ? node.properties.className : [];
      node.properties.className = [...classes, `align-${value}`];
    });
  };
}
