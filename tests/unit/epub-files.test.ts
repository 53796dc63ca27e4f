import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Root } from 'hast';
import type { Options } from 'epub-gen-memory';
import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { loadFonts } from '../../scripts/fonts.ts';
import { createEpubTransform } from '../../scripts/markdown/processor.ts';
import { ArticleEpub } from '../../scripts/products/epub/article-epub.ts';
import { epubIdentifier } from '../../scripts/products/epub/epub-identifier.ts';
import { fontsForText } from '../../scripts/products/epub/fonts-for-text.ts';
import { zipText } from '../helpers/tools.ts';

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

  it('carries the font subsets a text needs and no other', async () => {
    const fonts = await loadFonts();
    const subsets = (text: string) => new Set(fontsForText(fonts, text).map((font) => font.subset));
    expect(subsets('Mục lục')).toEqual(new Set(['latin', 'vietnamese']));
    expect(subsets('Ơn trời, ước mơ')).toEqual(new Set(['latin', 'vietnamese']));
    expect(subsets('Łódź')).toEqual(new Set(['latin', 'latin-ext']));
    expect(subsets('Contents')).toEqual(new Set(['latin']));
    // A line set in capitals by the stylesheet turns "ÿ" (latin) into "Ÿ" (latin-ext).
    expect(subsets('ÿ')).toEqual(new Set(['latin', 'latin-ext']));
    expect(fontsForText(fonts, 'Mục lục').length).toBe(fonts.filter((font) => font.subset !== 'latin-ext').length);
  });
});
