import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit, SKIP } from 'unist-util-visit';

/** How a caption whose photo is missing is introduced: "Caption of a photo not included". */
export interface CaptionOptions {
  label: string;
}

/**
 * Turns a `:::caption` container into the words under a photo that the source did not carry: a
 * paragraph introduced as such, not a figure (a screen reader would announce an empty one). Any other
 * directive is given back as the literal text it was written as.
 */
export function remarkCaptions({ label }: CaptionOptions) {
  return (tree: Root, file: VFile) => {
    visit(tree, (node, index, parent) => {
      if (node.type !== 'containerDirective' && node.type !== 'leafDirective' && node.type !== 'textDirective') return;
      if (!parent || index === undefined) return;
      if (node.type === 'containerDirective' && node.name === 'caption') {
        const words = node.children.flatMap((child) => (child.type === 'paragraph' ? child.children : []));
        const introduction = { type: 'text' as const, value: `${label}:`, data: { hName: 'span', hProperties: { className: ['caption-only-label'] } } };
        const caption = { type: 'paragraph' as const, children: [introduction, { type: 'text' as const, value: ' ' }, ...words], data: { hProperties: { className: ['caption-only'] } } };
        parent.children.splice(index, 1, caption as never);
        return [SKIP, index + 1];
      }
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
