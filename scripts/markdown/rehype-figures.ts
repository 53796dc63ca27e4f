import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * A paragraph that holds nothing but an image becomes a figure; the image's title, if any, becomes
 * its caption, so that photo and caption stay together on a page.
 */
export function rehypeFigures() {
  return (tree: Root) => {
    visit(tree, 'element', (node) => {
      if (node.tagName !== 'p') return;
      const content = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
      const [image] = content;
      if (content.length !== 1 || image?.type !== 'element' || image.tagName !== 'img') return;
      const title = image.properties.title;
      delete image.properties.title;
      const children: Element[] = [image];
      if (typeof title === 'string' && title.trim() !== '') {
        children.push({ type: 'element', tagName: 'figcaption', properties: {}, children: [{ type: 'text', value: title }] });
      }
      node.tagName = 'figure';
      node.children = children;
    });
  };
}
