import type { Root } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * Rewrites what epub-gen-memory would falsify: an image without alt text becomes decorative (`alt=""`,
 * `role="presentation"`, which the EPUB keeps instead of the library's "image-placeholder"). Table cells
 * are aligned by class in every edition (rehypeTableAlign).
 */
export function rehypeEpubAttributes() {
  return (tree: Root) => {
    visit(tree, 'element', (node) => {
      const { properties } = node;
      if (node.tagName === 'img' && (typeof properties['alt'] !== 'string' || properties['alt'].trim() === '')) {
        properties['alt'] = '';
        properties['role'] = 'presentation';
      }
    });
  };
}
