import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Root } from 'hast';
import type { Options } from 'epub-gen-memory';
import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { createEpubTransform } from '../../scripts/markdown/processor.ts';
import { ArticleEpub } from '../../scripts/products/epub/article-epub.ts';
import { contentsDepth, contentsTree } from '../../scripts/products/epub/contents-tree.ts';
import { epubIdentifier } from '../../scripts/products/epub/epub-identifier.ts';
import { epubFonts } from '../../scripts/products/epub/epub-fonts.ts';
import { epubStylesheet } from '../../scripts/products/epub/epub-stylesheet.ts';
import { imageDescriptions } from '../../scripts/products/epub/image-descriptions.ts';
import { run, zipText } from '../helpers/tools.ts';

const DATE = new Date('2024-01-02T00:00:00Z');
const OPTIONS: Options = { title: 'Ảnh', description: 'Một tấm ảnh.', lang: 'vi', version: 3, verbose: false };
const PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==', 'base64'));

/** `html` as an article's EPUB body: through the same transform the build runs on an article's tree. */
async function epubBody(html: string): Promise<string> {
  const parse = unified().use(rehypeParse, { fragment: true });
  const tree = await createEpubTransform().run(parse.parse(html));
  return unified().use(rehypeStringify).stringify(tree as Root);
}

/** Packs one chapter of `html` with the given images and returns the chapter's XHTML as the EPUB holds it. */
async function chapterOf(html: string, resources: ReadonlyMap<string, Uint8Array>): Promise<string> {
  const epub = new ArticleEpub({ ...OPTIONS }, [{ title: 'Ảnh', content: await epubBody(html), filename: 'article.xhtml' }], { identifier: 'urn:uuid:test', resources, fonts: [] });
  const file = join(await mkdtemp(join(tmpdir(), 'folio-epub-')), 'test.epub');
  await writeFile(file, await epub.pack(DATE));
  return zipText(file, 'OEBPS/article.xhtml');
}

function article(name: string, title: string, isoDate: string) {
  return { name, title, isoDate };
}

/** A contents tree as nested titles, to compare at a glance. */
type Outline = (string | [string, Outline])[];
function outline(entries: ReturnType<typeof contentsTree>): Outline {
  return entries.map((entry) => (entry.children.length ? [entry.text, outline(entry.children)] : entry.text));
}

describe('the EPUB’s files', () => {
  it('keeps an image without alt text decorative instead of naming it "image-placeholder"', async () => {
    const xhtml = await chapterOf('<p><img src="media/a/x.png"> <img src="media/a/x.png" alt="Một con mèo"></p>', new Map([['media/a/x.png', PNG]]));
    expect(xhtml).toContain('<img src="images/image-1.png" alt="" role="presentation"/>');
    expect(xhtml).toContain('<img src="images/image-1.png" alt="Một con mèo"/>');
    expect(xhtml).not.toContain('image-placeholder');
  });

  it('refuses an image the build did not load instead of fetching it', async () => {
    await expect(chapterOf('<p><img src="http://127.0.0.1:9/tracker.png" alt="x"></p>', new Map())).rejects.toThrow(/is never fetched/);
    await expect(chapterOf('<p><img src="file:///etc/hostname" alt="x"></p>', new Map())).rejects.toThrow(/is never fetched/);
  });

  it('derives one identifier per article, the same on every build', () => {
    const id = epubIdentifier(article('a', 'Tiêu đề', '2024-01-02'));
    expect(id).toBe(epubIdentifier(article('a', 'Tiêu đề', '2024-01-02')));
    expect(id).not.toBe(epubIdentifier(article('b', 'Tiêu đề', '2024-01-02')));
    expect(id).not.toBe(epubIdentifier(article('a', 'Tiêu đề', '2024-01-03')));
    expect(id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('subsets each face to the text, capitals included, as one TrueType file a face', async () => {
    const fonts = await epubFonts('Ơn trời, ước mơ được mùa');
    expect(fonts.map((font) => `${font.family} ${font.weight} ${font.style}`)).toEqual(['Noto Serif 400 normal', 'Noto Serif 400 italic', 'Noto Serif 700 normal', 'Noto Serif 700 italic', 'Be Vietnam Pro 600 normal']);
    const folder = await mkdtemp(join(tmpdir(), 'folio-epub-fonts-'));
    for (const font of fonts) {
      expect(Buffer.from(font.bytes.subarray(0, 4)).toString('hex'), 'a TrueType file').toBe('00010000');
      await writeFile(join(folder, font.fileName), font.bytes);
      const charset = run('fc-query', ['--format=%{charset}', join(folder, font.fileName)]);
      // fc-query lists code points as hex ranges: Ơ (U+01A0) comes from the capitals, ư (U+01B0) and ợ (U+1EE3) from the text.
      for (const point of ['1a0', '1b0', '1ee3']) expect(charset, `${font.fileName} U+${point}`).toMatch(new RegExp(`(^|\\s)${point}(-|\\s|$)|-${point}(\\s|$)`));
    }
    // Another text, other glyphs: Ł is not in the first text.
    const without = run('fc-query', ['--format=%{charset}', join(folder, 'noto-serif-400-normal.ttf')]);
    expect(without).not.toMatch(/(^|\s)141(-|\s|$)/);
  });

  it('writes a stylesheet every reading system reads: no custom property, no currentColor, TrueType faces without unicode-range', async () => {
    const css = await epubStylesheet(await epubFonts('Mục lục'));
    expect(css).not.toMatch(/var\(|^\s*--|currentcolor|unicode-range|woff2/im);
    expect(css).toContain("src: url('fonts/noto-serif-400-normal.ttf') format('truetype')");
    expect(css).toMatch(/\.article \{[^}]*font-family: 'Noto Serif', serif/);
    expect(css).toMatch(/\.masthead-publisher \{[^}]*border-top: 3px solid;/);
  });

  it('keeps the HTML5 attributes that carry dates, sources, numbering, ticks and table structure', async () => {
    const xhtml = await chapterOf(
      [
        '<p><time datetime="2024-01-02">hôm qua</time> <del datetime="2024-01-01" cite="https://example.org/a">cũ</del> <ins datetime="2024-01-02">mới</ins> <q cite="https://example.org/b">trích</q></p>',
        '<blockquote cite="https://example.org/c"><p>Lời</p></blockquote>',
        '<ol start="3" reversed><li value="7">bảy</li></ol>',
        '<ul><li><input type="checkbox" checked disabled> xong</li></ul>',
        '<details open><summary>Thêm</summary><p>Chi tiết</p></details>',
        '<table><colgroup><col span="2"></colgroup><tr><th scope="col" id="h">Cột</th></tr><tr><td headers="h">Ô</td></tr></table>',
        '<div itemscope itemtype="https://schema.org/Person"><span itemprop="name">An</span></div>',
      ].join(''),
      new Map(),
    );
    for (const kept of [
      '<time datetime="2024-01-02">',
      '<del datetime="2024-01-01" cite="https://example.org/a">',
      '<ins datetime="2024-01-02">',
      '<q cite="https://example.org/b">',
      '<blockquote cite="https://example.org/c">',
      '<ol start="3" reversed="">',
      '<li value="7">',
      '<input type="checkbox" checked="" disabled=""/>',
      '<details open="">',
      '<col span="2"/>',
      '<th scope="col" id="h">',
      '<td headers="h">',
      '<span itemprop="name">',
    ]) {
      expect(xhtml).toContain(kept);
    }
  });

  it('nests the contents by heading level under each chapter, a skipped level under the heading before it', () => {
    const headings = [
      [2, 'A'],
      [3, 'A.1'],
      [4, 'A.1.a'],
      [4, 'A.1.b'],
      [3, 'A.2'],
      [2, 'B'],
      [4, 'B.x'],
      [5, 'B.x.i'],
      [2, 'C'],
    ] as const;
    const tree = contentsTree([
      { href: 'a.xhtml', title: 'One', headings: headings.map(([level, text], index) => ({ level, text, id: `h${index}` })) },
      { href: 'b.xhtml', title: 'Two', headings: [{ level: 3, text: 'Deep first', id: 'd' }, { level: 2, text: 'Then a section', id: 's' }] },
      { href: 'c.xhtml', title: 'Three', headings: [] },
    ]);
    expect(outline(tree)).toEqual([
      ['One', [['A', [['A.1', ['A.1.a', 'A.1.b']], 'A.2']], ['B', [['B.x', ['B.x.i']]]], 'C']],
      ['Two', ['Deep first', 'Then a section']],
      'Three',
    ]);
    expect(tree[0]?.children[0]?.children[0]?.children[1]).toEqual({ href: 'a.xhtml#h3', text: 'A.1.b', children: [] });
    expect(contentsDepth(tree)).toBe(4);
  });

  it('tells a book without images from one whose images are all described and one with an image left undescribed', () => {
    expect(imageDescriptions(['<p>Chữ</p>', '<h2>Tiêu đề</h2>'])).toBe('none');
    expect(imageDescriptions(['<p><img src="a.png" alt="Đồi chè"></p>', '<img src="b.png" alt="Ruộng">'])).toBe('described');
    expect(imageDescriptions(['<img src="a.png" alt="Đồi chè">', '<img src="b.png" alt="" role="presentation">'])).toBe('undescribed');
    expect(imageDescriptions(['<img src="a.png" alt="  ">'])).toBe('undescribed');
  });
});
