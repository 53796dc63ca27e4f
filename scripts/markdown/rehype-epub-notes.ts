import type { Element, ElementContent, Root } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * Gives GFM footnotes the markup that reading systems show as pop-up notes (Apple Books, Kobo, Kindle,
 * Thorium) and that assistive technology names: each reference an `epub:type="noteref"` link with the
 * `doc-noteref` role (GFM keeps the `<sup>` outside the link, as Apple Books needs), each note an
 * `<aside epub:type="footnote" role="doc-footnote">` in place of a list item, its number written before
 * its text (the list that numbered it is gone), its links back to the text at its end. Run on the
 * EPUB's copy of the HTML only: `epub:type` is not an HTML attribute. A list item may not carry
 * `doc-footnote`, and `doc-endnote` is deprecated: Ace fails both.
 */
export function rehypeEpubNotes() {
  return (tree: Root) => {
    visit(tree, 'element', (node) => {
      const { properties } = node;
      if (node.tagName === 'a' && has(properties, 'dataFootnoteRef')) {
        properties['epub:type'] = 'noteref';
        properties['role'] = 'doc-noteref';
      } else if (node.tagName === 'a' && has(properties, 'dataFootnoteBackref')) {
        // EPUB's name for a link back to where a note is referenced; Ace checks that it matches the role.
        properties['epub:type'] = 'referrer';
        properties['role'] = 'doc-backlink';
      } else if (node.tagName === 'section' && has(properties, 'dataFootnotes')) {
        properties['epub:type'] = 'footnotes';
        node.children = node.children.flatMap((child) => (child.type === 'element' && child.tagName === 'ol' ? asides(child) : [child]));
      }
    });
  };
}

/** The items of a footnotes list as numbered asides. */
function asides(list: Element): ElementContent[] {
  const items = list.children.filter((child): child is Element => child.type === 'element' && child.tagName === 'li');
  return items.map((item, index) => {
    const number: Element = { type: 'element', tagName: 'span', properties: { className: ['note-number'] }, children: [{ type: 'text', value: `${index + 1}. ` }] };
    const [first] = item.children.filter((child): child is Element => child.type === 'element');
    if (first?.tagName === 'p') first.children.unshift(number);
    else item.children.unshift(number);
    return { type: 'element', tagName: 'aside', properties: { ...item.properties, 'epub:type': 'footnote', role: 'doc-footnote' }, children: item.children };
  });
}

function has(properties: Element['properties'], name: string): boolean {
  return properties[name] !== undefined && properties[name] !== null && properties[name] !== false;
}
