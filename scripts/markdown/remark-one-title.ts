import type { Heading, PhrasingContent, Root } from 'mdast';
import { EXIT, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/** Options of remarkOneTitle: the headline of the front matter, which the templates print as the h1. */
export interface OneTitleOptions {
  title?: string | undefined;
}

/**
 * Leaves every product one title, the front matter's, which the templates print as the h1. A first
 * heading of level 1 that repeats it is left out, with a warning at its place; then, where level-1
 * headings remain, every heading goes one level down, so that the article's sections sit under the
 * title. Runs on the Markdown tree, before the products' trees part, so that ids, bookmarks and
 * contents all see the same headings.
 */
export function remarkOneTitle(options: OneTitleOptions = {}) {
  return (tree: Root, file: VFile) => {
    if (options.title !== undefined) leaveOutRepeatedTitle(tree, file, comparable(options.title));
    let hasLevelOne = false;
    visit(tree, 'heading', (node) => {
      hasLevelOne ||= node.depth === 1;
    });
    if (!hasLevelOne) return;
    visit(tree, 'heading', (node: Heading) => {
      // HTML has no seventh level: a level-6 heading stays at 6, beside the level-5 ones that come down
      // to it. It keeps its id and its place in the contents, which a paragraph would lose; manuscripts
      // that use both level 1 and level 6 are rare enough for the two deepest levels to share one.
      node.depth = Math.min(node.depth + 1, 6) as Heading['depth'];
    });
  };
}

/**
 * Leaves out the first heading where it is of level 1, reads as `title` and stands in the body itself
 * (one in a quote or a list is quoted text), and says so at its place.
 */
function leaveOutRepeatedTitle(tree: Root, file: VFile, title: string): void {
  visit(tree, 'heading', (node, index, parent) => {
    if (node.depth !== 1 || parent !== tree || index === undefined) return EXIT;
    const { text, keeps } = headingText(node.children);
    if (comparable(text) !== title) return EXIT;
    const at = { place: node.position, ruleId: 'repeated-title', source: 'folio' };
    if (keeps) {
      file.message('the first heading repeats the title, which every edition already prints from the front matter, but it holds a note mark, an image or raw HTML that leaving it out would lose: it is kept, as a section; move those into the text and remove the heading', at);
      return EXIT;
    }
    parent.children.splice(index, 1);
    file.message('the first heading repeats the title, which every edition already prints from the front matter: it is left out; remove it from the manuscript', at);
    return EXIT;
  });
}

/**
 * A heading's text, its emphasis, links and code spans read as text, and whether it holds anything
 * else that leaving the heading out would lose (a note's mark, an image, raw HTML).
 */
function headingText(nodes: readonly PhrasingContent[]): { text: string; keeps: boolean } {
  let text = '';
  let keeps = false;
  for (const node of nodes) {
    if (node.type === 'text' || node.type === 'inlineCode') text += node.value;
    else if (node.type === 'break') text += ' ';
    else if ('children' in node) {
      const inner = headingText(node.children);
      text += inner.text;
      keeps ||= inner.keeps;
    } else keeps = true;
  }
  return { text, keeps };
}

/**
 * A headline as two spellings of it compare: NFC, white space collapsed, lower case, without Markdown's
 * emphasis and code markers (a front matter title is plain text, where a writer may have typed them)
 * and without trailing punctuation ("Title." repeats "Title").
 */
function comparable(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[*_`~]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/[\p{P}\s]+$/u, '')
    .trim()
    .toLowerCase();
}
