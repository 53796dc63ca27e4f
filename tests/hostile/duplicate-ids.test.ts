import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFixture } from '../helpers/build-fixture.ts';
import { epubcheck, zipText } from '../helpers/tools.ts';

const SLUG = 'footnote-headings';
let outDir: string;
let web: string;
let chapter: string;

beforeAll(async () => {
  const built = await buildFixture('duplicate-ids');
  expect(built.report.ok).toBe(true);
  outDir = built.outDir;
  web = await readFile(join(outDir, `${SLUG}.html`), 'utf8');
  chapter = zipText(join(outDir, `${SLUG}.epub`), 'OEBPS/article.xhtml');
});

/** Every id of a document, in order. */
function ids(html: string): string[] {
  return [...html.matchAll(/\sid="([^"]*)"/g)].map((match) => match[1] ?? '');
}

/** The element (start tag) that carries `id`, and the text up to its end tag. */
function target(html: string, id: string): string {
  const start = html.indexOf(` id="${id}"`);
  // Up to the first end tag but a span's: an EPUB note starts with its number in a span.
  const end = html.slice(start).search(/<\/(?!span>)/);
  return start === -1 ? '' : html.slice(html.lastIndexOf('<', start), start + end);
}

/** The `href`s of the links whose start tag holds `attribute`, in order. */
function links(html: string, attribute: string): string[] {
  return [...html.matchAll(/<a\s[^>]*>/g)].map((match) => match[0]).filter((tag) => tag.includes(attribute)).map((tag) => /href="#([^"]*)"/.exec(tag)?.[1] ?? '');
}

describe('ids of headings and raw HTML that repeat the footnotes\' ids', () => {
  // `[^1-2]` and the second reference to `[^1]` would share an id, so the notes are named by number.
  it.each([['web edition', () => web], ['EPUB chapter', () => chapter]])('gives every element of the %s its own id', (_, document) => {
    const all = ids(document());
    expect(all.length).toBeGreaterThan(12);
    expect(all.filter((id, index) => all.indexOf(id) !== index)).toEqual([]);
    expect(all).not.toContain('');
  });

  it.each([['web edition', () => web], ['EPUB chapter', () => chapter]])('links each note reference of the %s to its own note and back', (_, document) => {
    const html = document();
    const references = links(html, html === chapter ? 'doc-noteref' : 'data-footnote-ref');
    expect(references).toEqual(['fn-1', 'fn-1', 'fn-2', 'fn-3']);
    expect(target(html, 'fn-1')).toContain('The first note.');
    expect(target(html, 'fn-2')).toContain('A note whose label looks like the second reference to the first.');
    expect(target(html, 'fn-3')).toContain('A note with a name.');
    const backlinks = links(html, html === chapter ? 'doc-backlink' : 'data-footnote-backref');
    expect(backlinks).toEqual(['fnref-1', 'fnref-1-2', 'fnref-2', 'fnref-3']);
    for (const [index, id] of backlinks.entries()) {
      expect(target(html, id), id).toMatch(new RegExp(`href="#${references[index]}"`));
    }
  });

  it('keeps each heading\'s text where its id points, and the raw paragraph\'s text', () => {
    expect(target(web, 'footnote-label-1')).toContain('Footnote label');
    expect(target(web, 'fn-1-1')).toContain('fn 1');
    expect(target(web, 'fnref-1-1')).toContain('fnref 1');
    expect(target(web, 'downloads-title-1')).toContain('Downloads title');
    expect(target(web, 'notes-1')).toContain('Notes');
    expect(target(web, 'fnref-1-3')).toContain('A paragraph of raw HTML');
  });

  it('gives an EPUB that epubcheck passes', () => {
    const result = epubcheck(join(outDir, `${SLUG}.epub`));
    expect(result.messages).toEqual([]);
  });
});
