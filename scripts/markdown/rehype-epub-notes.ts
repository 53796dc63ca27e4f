import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * Gives GFM footnotes the EPUB 3 and DPUB-ARIA semantics that reading systems and assistive technology
 * act on ("note" and "back to text" links), in place of the `data-footnote*` attributes that only
 * GitHub's stylesheet knows and that epub-gen-memory drops. Run on the EPUB's copy of the HTML only:
 * `epub:type` is not an HTML attribute. The notes themselves stay plain list items: an item of a
 * `doc-endnotes` list is an endnote, DPUB-ARIA 1.1 deprecated `doc-endnote`, and `doc-footnote` is not
 * allowed on a list item (Ace fails each of the alternatives).
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
        properties['epub:type'] = 'endnotes';
        properties['role'] = 'doc-endnotes';
      }
    });
  };
}

function has(properties: Element['properties'], name: string): boolean {
  return properties[name] !== undefined && properties[name] !== null && properties[name] !== false;
}

