import type { Element, ElementContent, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import { isBareLink } from './rehype-bare-links.ts';

/** Options of rehypeLinkTargets: the heading of the list of addresses, in the article's language. */
export interface LinkTargetsOptions {
  label: string;
}

/**
 * For paper, which cannot be clicked: every link to another document gets a bracketed number after it,
 * and a list at the end of the article prints each number's address. A link that already shows its
 * address (marked by rehypeBareLinks) and links inside the article (footnotes) are left alone; the same
 * address keeps one number.
 */
export function rehypeLinkTargets(options: LinkTargetsOptions) {
  return (tree: Root) => {
    const numbers = new Map<string, number>();
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName !== 'a' || !parent || index === undefined) return undefined;
      const href = typeof node.properties.href === 'string' ? node.properties.href : '';
      if (!/^(https?|mailto|ftp):/i.test(href)) return undefined;
      if (isBareLink(node)) return SKIP;
      let number = numbers.get(href);
      if (number === undefined) {
        number = numbers.size + 1;
        numbers.set(href, number);
      }
      parent.children.splice(index + 1, 0, element('sup', ['link-note'], [text(`[${number}]`)]));
      return [SKIP, index + 2];
    });
    if (numbers.size === 0) return;
    const items = [...numbers].map(([href, number]) =>
      element('li', [], [element('span', ['link-number'], [text(`[${number}]`)]), text(' '), element('span', ['link-address'], [text(href)])]),
    );
    tree.children.push(text('\n'), element('section', ['link-targets'], [element('h2', [], [text(options.label)]), element('ol', [], items)]));
  };
}

function element(tagName: string, className: string[], children: ElementContent[]): Element {
  return { type: 'element', tagName, properties: className.length > 0 ? { className } : {}, children };
}

function text(value: string): ElementContent {
  return { type: 'text', value };
}
