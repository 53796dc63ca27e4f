import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

/** Every `id` an element of the tree has. */
export function collectIds(tree: Root): Set<string> {
  const ids = new Set<string>();
  visit(tree, 'element', (node: Element) => {
    if (typeof node.properties.id === 'string') ids.add(node.properties.id);
  });
  return ids;
}

/** `base`, or `base` with as many `-` after it as make an id that `taken` does not hold; the id is then taken. */
export function freeId(base: string, taken: Set<string>): string {
  let id = base;
  while (taken.has(id)) id = `${id}-`;
  taken.add(id);
  return id;
}
