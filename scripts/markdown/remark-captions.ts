import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit, SKIP } from 'unist-util-visit';

/**
 * Turns a `:::caption` container into a figure that holds only its caption: the words under a photo
 * the source did not carry. Any other directive is given back as the literal text it was written as.
 */
export function remarkCaptions() {
  return (tree: Root, file: VFile) => {
    visit(tree, (node, index, parent) => {
      if (node.type !== 'containerDirective' && node.type !== 'leafDirective' && node.type !== 'textDirective') return;
      if (node.type === 'containerDirective' && node.name === 'caption') {
        node.data = { hName: 'figure', hProperties: { className: ['caption-only'] } };
        const caption = { type: 'paragraph' as const, children: node.children.flatMap((child) => (child.type === 'paragraph' ? child.children : [])), data: { hName: 'figcaption' } };
        node.children = [caption];
        return SKIP;
      }
      if (!parent || index === undefined) return;
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      const literal = start !== undefined && end !== undefined ? String(file.value).slice(start, end) : `:${node.name}`;
      if (node.type === 'textDirective') {
        parent.children.splice(index, 1, { type: 'text', value: literal });
      } else {
        parent.children.splice(index, 1, { type: 'paragraph', children: [{ type: 'text', value: literal }] } as never);
      }
      return [SKIP, index + 1];
    });
  };
}
