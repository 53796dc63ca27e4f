import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { withBrowser } from '../../scripts/browser.ts';
import { labelsFor } from '../../scripts/labels.ts';
import { ace } from '../helpers/ace.ts';
import { buildFixture } from '../helpers/build-fixture.ts';
import { epubcheck, run, zipText } from '../helpers/tools.ts';

/** A contents entry as a reader sees it: its words, where it goes, and the entries under it. */
interface Entry {
  text: string;
  href: string;
  children: Entry[];
}

/** The same tree as nested titles, to compare at a glance. */
type Outline = (string | [string, Outline])[];
function titles(entries: Entry[]): Outline {
  return entries.map((entry) => (entry.children.length ? [entry.text, titles(entry.children)] : entry.text));
}

/**
 * The tree of a navigation document's `toc` nav (each `li` under the `li` whose `ol` holds it) or of an
 * NCX's `navMap` (each `navPoint` under the one that holds it), read tag by tag.
 */
function contents(xml: string, kind: 'nav' | 'ncx'): Entry[] {
  const body = kind === 'nav' ? (/<nav epub:type="toc"[\s\S]*?<\/nav>/.exec(xml)?.[0] ?? '') : (/<navMap>[\s\S]*<\/navMap>/.exec(xml)?.[0] ?? '');
  const [open, close] = kind === 'nav' ? ['<li>', '</li>'] : ['<navPoint ', '</navPoint>'];
  const label = kind === 'nav' ? /^<a href="([^"]*)">([^<]*)<\/a>/ : /^<navLabel><text>([^<]*)<\/text><\/navLabel>\s*<content src="([^"]*)"\/>/;
  const root: Entry[] = [];
  const stack: Entry[] = [];
  for (let index = 0; index < body.length; index += 1) {
    if (body.startsWith(open, index)) {
      const entry: Entry = { text: '', href: '', children: [] };
      (stack.at(-1)?.children ?? root).push(entry);
      stack.push(entry);
      index = body.indexOf('>', index);
      const match = label.exec(body.slice(index + 1).trimStart());
      if (match) {
        entry.text = (kind === 'nav' ? match[2] : match[1]) ?? '';
        entry.href = (kind === 'nav' ? match[1] : match[2]) ?? '';
      }
    } else if (body.startsWith(close, index)) {
      stack.pop();
    }
  }
  return root;
}

function flatten(entries: Entry[]): Entry[] {
  return entries.flatMap((entry) => [entry, ...flatten(entry.children)]);
}

const OUTLINE: Outline = [['An outline in three levels', [['Planting', [['Seeds', ['Beans', 'Peas']], 'Seedlings']], ['Harvest', ['Storing']]]]];
const FIELD_NOTES: Outline = [['Notes from the field', [['The upper field', ['Drainage']], 'The lower field']]];

let outDir: string;
const epub = (name: string) => join(outDir, `${name}.epub`);
const opf = (name: string) => zipText(epub(name), 'OEBPS/content.opf');

beforeAll(async () => {
  const build = await buildFixture('epub-outline');
  expect(build.report.ok).toBe(true);
  outDir = build.outDir;
});

describe('the contents of an EPUB, nested by heading level', () => {
  it('nests an article’s h2, h3 and h4 headings under its title, in nav.xhtml and in toc.ncx alike', () => {
    expect(titles(contents(zipText(epub('outline'), 'OEBPS/toc.xhtml'), 'nav'))).toEqual(OUTLINE);
    expect(titles(contents(zipText(epub('outline'), 'OEBPS/toc.ncx'), 'ncx'))).toEqual(OUTLINE);
    expect(zipText(epub('outline'), 'OEBPS/toc.ncx')).toContain('<meta name="dtb:depth" content="4"/>');
  });

  it('lists an issue’s articles in order, each with its headings nested under it, in nav.xhtml and in toc.ncx alike', () => {
    const issue = epub('issues/no-1');
    expect(titles(contents(zipText(issue, 'OEBPS/toc.xhtml'), 'nav'))).toEqual([...OUTLINE, ...FIELD_NOTES]);
    expect(titles(contents(zipText(issue, 'OEBPS/toc.ncx'), 'ncx'))).toEqual([...OUTLINE, ...FIELD_NOTES]);
  });

  it('shows the nesting in the navigation document: each level further in than the one above', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'folio-epub-nav-'));
    run('unzip', ['-q', '-o', epub('outline'), '-d', folder]);
    const lefts = await withBrowser(process.env, async ({ browser }) => {
      const page = await browser.newPage();
      await page.goto(`file://${join(folder, 'OEBPS', 'toc.xhtml')}`, { waitUntil: 'load' });
      const left = (text: string) => page.$$eval('#toc a', (links, wanted) => links.find((link) => link.textContent === wanted)?.getBoundingClientRect().left ?? -1, text);
      const result = [await left('An outline in three levels'), await left('Planting'), await left('Seeds'), await left('Beans'), await left('Harvest')];
      await page.close();
      return result;
    });
    const [title = 0, section = 0, subsection = 0, subsubsection = 0, nextSection = 0] = lefts;
    expect(title).toBeGreaterThanOrEqual(0);
    expect(section).toBeGreaterThan(title);
    expect(subsection).toBeGreaterThan(section);
    expect(subsubsection).toBeGreaterThan(subsection);
    expect(nextSection).toBe(section);
  });

  it('points every entry at a chapter and a heading that exist', () => {
    const issue = epub('issues/no-1');
    for (const kind of ['nav', 'ncx'] as const) {
      const entries = flatten(contents(zipText(issue, kind === 'nav' ? 'OEBPS/toc.xhtml' : 'OEBPS/toc.ncx'), kind));
      expect(entries.length).toBe(12);
      for (const { href, text } of entries) {
        const [file = '', id] = href.split('#');
        const chapter = zipText(issue, `OEBPS/${file}`);
        if (id) expect(chapter, href).toMatch(new RegExp(`<h[2-6] id="${id}">${text}</h[2-6]>`));
        else expect(chapter, href).toContain(`<h1 class="title">${text}</h1>`);
      }
    }
  });
});

describe('the EPUB chapters’ HTML5 attributes', () => {
  it('keeps the date of the article’s <time>, the dates and sources of edits and quotations, a list’s start and an open <details>', () => {
    const chapter = zipText(epub('outline'), 'OEBPS/article.xhtml');
    expect(chapter).toContain('<time datetime="2024-05-20">Monday, May 20, 2024</time>');
    expect(chapter).toContain('<del datetime="2024-05-19" cite="https://example.org/changes">the nineteenth</del>');
    expect(chapter).toContain('<ins datetime="2024-05-20">the twentieth</ins>');
    expect(chapter).toContain('<ol start="3">');
    expect(chapter).toContain('<blockquote cite="https://example.org/proverb">');
    expect(chapter).toContain('<details open="">');
    expect(chapter).toContain('<th scope="row">Beans</th>');
    expect(zipText(epub('issues/no-1'), 'OEBPS/outline.xhtml')).toContain('<time datetime="2024-05-20">');
  });
});

describe('the EPUB’s accessibility metadata, by the images it holds', () => {
  const en = labelsFor('en').accessibilitySummary;
  const features = (name: string) => [...opf(name).matchAll(/<meta property="schema:(accessMode|accessModeSufficient|accessibilityFeature)">([^<]*)<\/meta>/g)].map((match) => `${match[1]}=${match[2]}`);
  const summary = (name: string) => /<meta property="schema:accessibilitySummary">([^<]*)<\/meta>/.exec(opf(name))?.[1];

  it('claims no text alternatives for a book of text alone', () => {
    expect(summary('outline')).toBe(en.none);
    expect(summary('outline')).not.toMatch(/image/i);
    expect(features('outline')).toEqual([
      'accessMode=textual',
      'accessModeSufficient=textual',
      'accessibilityFeature=structuralNavigation',
      'accessibilityFeature=tableOfContents',
      'accessibilityFeature=printPageNumbers',
      'accessibilityFeature=pageBreakMarkers',
      'accessibilityFeature=pageNavigation',
      'accessibilityFeature=readingOrder',
    ]);
  });

  it('declares text alternatives when every image has one, in an article and in an issue', () => {
    for (const name of ['field-notes', 'issues/no-1']) {
      expect(summary(name), name).toBe(en.described);
      expect(features(name), name).toEqual(expect.arrayContaining(['accessMode=visual', 'accessModeSufficient=textual', 'accessibilityFeature=alternativeText']));
    }
  });

  it('says that an image has no text alternative when its author gave it none', () => {
    expect(summary('sketch')).toBe(en.undescribed);
    expect(features('sketch')).toEqual(expect.arrayContaining(['accessMode=visual', 'accessModeSufficient=textual,visual']));
    expect(features('sketch')).not.toContain('accessibilityFeature=alternativeText');
  });
});

describe('the EPUBs of the fixture', () => {
  it('pass epubcheck with no error or warning', () => {
    for (const name of ['outline', 'field-notes', 'sketch', 'issues/no-1']) expect(epubcheck(epub(name)), name).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('pass Ace by DAISY with no failed check', async () => {
    for (const name of ['outline', 'issues/no-1']) {
      const result = await ace(epub(name));
      expect(result.failures, name).toEqual([]);
      expect(result.outcome, name).toBe('pass');
    }
  });
});
