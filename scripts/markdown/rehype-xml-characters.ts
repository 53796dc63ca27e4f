import type { Nodes, Root } from 'hast';
import type { VFile } from 'vfile';
import { findCharacters, withoutForbidden } from '../manuscript/check-characters.ts';

/**
 * Replaces, with a warning at the element's place, what character references in raw HTML decode to and
 * no product may carry (`&#xFFFE;`, `&#2;`): the text of the file was cleaned before it was parsed, but
 * references are decoded only by the HTML parser. Markdown's own references already decode to U+FFFD.
 */
export function rehypeXmlCharacters() {
  return (tree: Root, file: VFile) => {
    const check = (value: string, node: Nodes): string => {
      const cleaned = withoutForbidden(value);
      if (cleaned === value) return value;
      for (const found of findCharacters(value)) {
        if (!found.forbidden) continue;
        file.message(found.reason.replace(' replaced with a space', ' (written as a character reference) replaced with a space'), {
          place: node.position?.start ?? { line: 1, column: 1 },
          ruleId: found.ruleId,
          source: 'folio',
        });
      }
      return cleaned;
    };
    const pending: Nodes[] = [tree];
    // An explicit stack rather than recursion: a hostile manuscript may nest deeper than the call stack.
    while (pending.length > 0) {
      const node = pending.pop() as Nodes;
      if (node.type === 'text' || node.type === 'comment') node.value = check(node.value, node);
      if (node.type === 'element') {
        for (const [name, value] of Object.entries(node.properties)) {
          if (typeof value === 'string') node.properties[name] = check(value, node);
          else if (Array.isArray(value)) node.properties[name] = value.map((item) => (typeof item === 'string' ? check(item, node) : item));
        }
      }
      // One at a time: spreading a table row of 100,000 cells into push() would overflow the stack.
      if ('children' in node) for (const child of node.children) pending.push(child);
    }
  };
}
