import type { Root } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * Rewrites what epub-gen-memory would drop or falsify: an image without alt text becomes decorative
 * (`alt=""`, `role="presentation"`, which the EPUB keeps instead of the library's "image-placeholder"),
 * and a table cell's `align`, an attribute it drops, becomes a class the stylesheet aligns by.
 */
export function rehypeEpubAttributes() {
  return (tree: Root) => {
    visit(tree, 'element', (node) => {
      const { properties } = node;
      if (node.tagName === 'img' && (typeof properties['alt'] !== 'string' || properties['alt'].trim() === '')) {
        properties['alt'] = '';
        properties['role'] = 'presentation';
      }
      if ((node.tagName === 'td' || node.tagName === 'th') && typeof properties['align'] === 'string') {
        const classes = Array.isArray(properties['className']) ? properties['className'] : [];
        properties['className'] = [...classes, `align-${properties['align']}`];
        delete properties['align'];
      }
    });
  };
}
