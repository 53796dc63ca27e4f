import type { ElementContent, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';

/**
 * A document's reference number or a date written with hyphens or slashes, such as 29-NQ/TW,
 * 13/2023/NĐ-CP, KT-XH or 25/7/2018: parts of capital letters and digits, at most 24 characters.
 * A line may break after a hyphen or a slash; these read as one word and must not.
 */
const CODE = /(?<![\p{L}\p{N}\p{M}])[\p{Lu}\p{N}]+(?:[-/\u2010\u2011][\p{Lu}\p{N}]+)+(?![\p{L}\p{N}\p{M}])/gu;
const LONGEST = 24;

/** The class of the span that keeps a code on one line (templates/styles/article.css). */
export const UNBREAKABLE_CLASS = 'unbreakable';

/** `text` cut into the codes it holds and the text between them, in order. */
export function splitCodes(text: string): { value: string; code: boolean }[] {
  const parts: { value: string; code: boolean }[] = [];
  let last = 0;
  for (const match of text.matchAll(CODE)) {
    if (match[0].length > LONGEST) continue;
    if (match.index > last) parts.push({ value: text.slice(last, match.index), code: false });
    parts.push({ value: match[0], code: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ value: text.slice(last), code: false });
  return parts;
}

/** Wraps each code of the text (see CODE) in a span that keeps it on one line; code blocks are left alone. */
export function rehypeUnbreakableCodes() {
  return (tree: Root) => {
    visit(tree, (node, index, parent) => {
      if (node.type === 'element' && (node.tagName === 'pre' || node.tagName === 'code')) return SKIP;
      if (node.type !== 'text' || !parent || index === undefined) return;
      const parts = splitCodes(node.value);
      if (!parts.some((part) => part.code)) return;
      const children: ElementContent[] = parts.map((part) =>
        part.code
          ? { type: 'element', tagName: 'span', properties: { className: [UNBREAKABLE_CLASS] }, children: [{ type: 'text', value: part.value }] }
          : { type: 'text', value: part.value },
      );
      parent.children.splice(index, 1, ...children);
      return [SKIP, index + children.length];
    });
  };
}
