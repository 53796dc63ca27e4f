import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';

/** Options of rehypeUniqueIds: ids the page around the article already uses (its templates). */
export interface UniqueIdsOptions {
  reserved?: readonly string[];
}

/**
 * Makes every `id` of the article unique, whatever its text: a heading "Footnote label" or "fn 1", or raw
 * HTML with `id="fnref-1"`, would otherwise repeat an id of the footnotes (epubcheck fails, a note's link
 * goes to the heading). The footnotes claim their ids first, so that their links stay right; then every
 * other id keeps its first use in document order, and a repeat gets the first free `-N` suffix. Runs
 * after the slugs are made.
 */
export function rehypeUniqueIds(options: UniqueIdsOptions = {}) {
  return (tree: Root) => {
    const claimed = new Set<string>(options.reserved ?? []);
    const notes = claimFootnotes(tree, claimed);
    const others: Element[] = [];
    visit(tree, 'element', (node) => {
      if (typeof node.properties.id === 'string' && !notes.has(node)) others.push(node);
    });
    const taken = new Set<string>([...claimed, ...others.map((node) => validId(String(node.properties.id)))]);
    for (const node of others) {
      const id = validId(String(node.properties.id));
      let unique = id;
      if (claimed.has(id)) {
        let suffix = 1;
        while (taken.has(`${id}-${suffix}`)) suffix++;
        unique = `${id}-${suffix}`;
        taken.add(unique);
      }
      claimed.add(unique);
      node.properties.id = unique;
    }
  };
}

/** An id as HTML allows it: not empty, no white space (an empty heading's slug is empty). */
function validId(id: string): string {
  const cleaned = id.replace(/\s+/g, '-');
  return cleaned === '' ? 'section' : cleaned;
}

/**
 * Claims the ids of the footnotes that remark-rehype made (the last section of the tree) before any
 * other element. Their names come from the notes' labels; where those collide (a note labelled `[^1-2]`
 * and the second reference to `[^1]` are both `fnref-1-2`), every note is named by its number instead,
 * with its links to match. Returns the footnotes' elements. A reference is recognised by its number and
 * its link, which must match its note: raw HTML that imitates one is left to the general rule.
 */
function claimFootnotes(tree: Root, claimed: Set<string>): Set<Element> {
  const notes = new Set<Element>();
  const section = tree.children.filter((node): node is Element => node.type === 'element').at(-1);
  if (!section || section.tagName !== 'section' || section.properties.dataFootnotes === undefined) return notes;
  // The notes are the items of the section's own list; a list inside a note is text of the note.
  const list = section.children.find((node): node is Element => node.type === 'element' && node.tagName === 'ol');
  const items = (list?.children ?? []).filter((node): node is Element => node.type === 'element' && node.tagName === 'li' && typeof node.properties.id === 'string');
  const labels = items.map((item) => String(item.properties.id).slice('fn-'.length));
  const references: { node: Element; note: number; repeat: number }[] = [];
  visit(tree, 'element', (node) => {
    if (node.tagName !== 'a' || node.properties.dataFootnoteRef === undefined || typeof node.properties.id !== 'string') return;
    const note = Number(toString(node)) - 1;
    const label = labels[note];
    if (label === undefined || node.properties.href !== `#fn-${label}`) return;
    // remark-rehype names the M-th reference to note `fn-X` `fnref-X-M` (the first `fnref-X`).
    const base = `fnref-${label}`;
    const repeat = node.properties.id === base ? 1 : Number(node.properties.id.slice(base.length + 1));
    if (Number.isInteger(repeat) && repeat >= 1) references.push({ node, note, repeat });
  });
  const refId = (name: string, repeat: number) => (repeat > 1 ? `fnref-${name}-${repeat}` : `fnref-${name}`);
  const labelled = [...labels.map((label) => `fn-${label}`), ...references.map((reference) => refId(labels[reference.note] ?? '', reference.repeat))];
  const byLabel = new Set(labelled).size === labelled.length && labelled.every((id) => validId(id) === id);
  const names = byLabel ? labels : labels.map((_, index) => String(index + 1));
  for (const { node, note, repeat } of references) {
    node.properties.id = refId(names[note] ?? '', repeat);
    node.properties.href = `#fn-${names[note] ?? ''}`;
  }
  for (const [index, item] of items.entries()) {
    const name = names[index] ?? '';
    item.properties.id = `fn-${name}`;
    let repeat = 0;
    visit(item, 'element', (node) => {
      if (node.tagName !== 'a' || node.properties.dataFootnoteBackref === undefined) return;
      repeat++;
      node.properties.href = `#${refId(name, repeat)}`;
    });
  }
  const heading = section.children.find((node): node is Element => node.type === 'element' && node.tagName === 'h2' && typeof node.properties.id === 'string');
  for (const node of [...(heading ? [heading] : []), ...items, ...references.map((reference) => reference.node)]) {
    claimed.add(String(node.properties.id));
    notes.add(node);
  }
  return notes;
}
