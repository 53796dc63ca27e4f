import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';

/** The class of a link whose text is its own address. */
export const BARE_LINK_CLASS = 'bare-link';

/**
 * Marks the links whose text is their address (`<https://…>`, `<ban@example.org>`, a pasted address), so
 * that paper, which prints each link's address, does not print these twice.
 */
export function rehypeBareLinks() {
  return (tree: Root) => {
    visit(tree, 'element', (node) => {
      if (node.tagName !== 'a' || typeof node.properties.href !== 'string' || !sameAddress(toString(node), node.properties.href)) return;
      const classes = Array.isArray(node.properties.className) ? node.properties.className : [];
      node.properties.className = [...classes, BARE_LINK_CLASS];
    });
  };
}

/** Whether rehypeBareLinks marked the link `node`. */
export function isBareLink(node: Element): boolean {
  return Array.isArray(node.properties.className) && node.properties.className.includes(BARE_LINK_CLASS);
}

function sameAddress(shown: string, href: string): boolean {
  const bare = (value: string) => value.trim().replace(/^(mailto:|https?:\/\/)/i, '').replace(/\/$/, '');
  return bare(shown) === bare(href);
}
