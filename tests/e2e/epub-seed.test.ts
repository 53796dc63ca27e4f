import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { imageSize } from 'image-size';
import { beforeAll, describe, expect, it } from 'vitest';
import { labelsFor } from '../../scripts/labels.ts';
import { ace } from '../helpers/ace.ts';
import { buildFixture, fixtureDir } from '../helpers/build-fixture.ts';
import { readInEpubJs } from '../helpers/read-in-epubjs.ts';
import { run, squeeze, xmlValues, zipEntries, zipListing, zipText } from '../helpers/tools.ts';

const SLUG = 'tang-cuong-bao-ve-to-quoc-tren-khong-gian-mang';
const TITLE = 'Tăng cường nhiệm vụ bảo vệ Tổ quốc trên không gian mạng';
const SOURCE = 'http://m.baobacgiang.vn/bg/chinh-tri/410649/tang-cuong-nhiem-vu-bao-ve-to-quoc-tren-khong-gian-mang.html';
let epub: string;
let rebuilt: string;
let opf: string;

beforeAll(async () => {
  const [first, second] = await Promise.all([buildFixture('manuscript'), buildFixture('manuscript')]);
  expect(first.report.ok && second.report.ok).toBe(true);
  epub = join(first.outDir, `${SLUG}.epub`);
  rebuilt = join(second.outDir, `${SLUG}.epub`);
  opf = zipText(epub, 'OEBPS/content.opf');
});

/** Every text document of the EPUB (package, navigation, content), by its path. */
function textEntries(file: string): [string, string][] {
  return zipEntries(file)
    .filter((entry) => /\.(xhtml|opf|ncx|xml)$/.test(entry))
    .map((entry) => [entry, zipText(file, entry)]);
}

describe('the seed article as an archive EPUB', () => {
  it('describes the article in the package document: language, title, author, publisher, dates, source, subjects', () => {
    expect(xmlValues(opf, 'dc:language')).toEqual(['vi']);
    expect(xmlValues(opf, 'dc:title')).toEqual([TITLE]);
    expect(xmlValues(opf, 'dc:creator')).toEqual(['Quốc Trường']);
    expect(xmlValues(opf, 'dc:publisher')).toEqual(['Báo Bắc Giang']);
    expect(xmlValues(opf, 'dc:date')).toEqual(['2023-08-25']);
    expect(xmlValues(opf, 'dc:source')).toEqual([SOURCE, `${TITLE}: Bản in A5 cho nhà in (tang-cuong-bao-ve-to-quoc-tren-khong-gian-mang.print.pdf)`]);
    expect(xmlValues(opf, 'dc:subject')).toEqual(['bảo vệ Tổ quốc', 'không gian mạng', 'Nghị quyết 29-NQ/TW', 'Bắc Giang']);
    expect(xmlValues(opf, 'dc:description')[0]).toMatch(/^Đảng ủy Quân sự tỉnh Bắc Giang sơ kết 5 năm/);
    expect(opf).toContain('<meta property="dcterms:modified">2023-08-25T00:00:00Z</meta>');
    expect(xmlValues(opf, 'dc:identifier')[0]).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('says Vietnamese everywhere and English nowhere', () => {
    for (const [entry, text] of textEntries(epub)) {
      expect(text, entry).not.toMatch(/lang="en/);
      for (const [, value] of text.matchAll(/\blang="([^"]*)"/g)) expect(value, entry).toBe('vi');
    }
    expect(opf).toMatch(/<package [^>]*xml:lang="vi"/);
  });

  it('declares schema.org accessibility metadata with a summary in Vietnamese', () => {
    for (const property of ['accessMode', 'accessModeSufficient', 'accessibilityFeature', 'accessibilityHazard']) {
      expect(opf).toContain(`<meta property="schema:${property}">`);
    }
    expect(opf).toContain('<meta property="schema:accessibilityFeature">tableOfContents</meta>');
    expect(opf).toContain('<meta property="schema:accessibilityHazard">none</meta>');
    expect(opf).toContain(`<meta property="schema:accessibilitySummary">${labelsFor('vi').accessibilitySummary.none}</meta>`);
  });

  it('claims no text alternatives for images, since the article has none', () => {
    expect(zipEntries(epub).filter((entry) => entry.startsWith('OEBPS/images/'))).toEqual([]);
    expect(opf).not.toContain('alternativeText');
    expect(opf).not.toContain('<meta property="schema:accessMode">visual</meta>');
    expect(opf, 'the summary says nothing of images').not.toMatch(/hình ảnh/);
  });

  it('titles the navigation document "Mục lục" with the table-of-contents role', () => {
    const nav = zipText(epub, 'OEBPS/toc.xhtml');
    expect(nav).toMatch(/<nav epub:type="toc" role="doc-toc"[^>]*aria-labelledby="toc-title">\s*<h1 id="toc-title">Mục lục<\/h1>/);
    expect(nav).toContain('<a epub:type="cover" href="cover.xhtml">Bìa</a>');
  });

  it('carries a cover image with the title, declared as cover-image and shown first', async () => {
    expect(opf).toMatch(/<item id="cover-image" href="cover\.png" media-type="image\/png" properties="cover-image"\/>/);
    expect(opf).toMatch(/<spine toc="ncx">\s*<itemref idref="cover"[ />]/);
    expect(opf).toContain('<item id="cover" href="cover.xhtml" media-type="application/xhtml+xml"/>');
    const png = new Uint8Array(Buffer.from(run('unzip', ['-p', epub, 'OEBPS/cover.png']), 'latin1'));
    expect(imageSize(png)).toMatchObject({ type: 'png', width: 1600, height: 2400 });
    const page = zipText(epub, 'OEBPS/cover.xhtml');
    expect(page).toContain(`<img class="cover-image" role="doc-cover" src="cover.png" alt="${TITLE}. Báo Bắc Giang, Thứ Sáu, 25/8/2023" width="1600" height="2400"/>`);
  });

  it('keeps the cover image small: a palette PNG under 60 KB, the EPUB under 200 KB', async () => {
    const listing = run('unzip', ['-v', epub]);
    const size = Number(/^\s*(\d+)\s+Stored.*OEBPS\/cover\.png$/m.exec(listing)?.[1]);
    expect(size).toBeGreaterThan(0);
    expect(size).toBeLessThan(60 * 1024);
    // The colour type in the PNG header: 3 is a palette.
    const header = execFileSync('unzip', ['-p', epub, 'OEBPS/cover.png']).subarray(0, 32);
    expect(header[25]).toBe(3);
    expect((await readFile(epub)).length).toBeLessThan(200 * 1024);
  });

  it('dates the article with a machine-readable <time> in its chapter', () => {
    expect(zipText(epub, 'OEBPS/article.xhtml')).toContain('<time datetime="2023-08-25">Thứ Sáu, 25/8/2023</time>');
  });

  it('embeds each face once, as TrueType subset to the text, declared in the manifest and the stylesheet', () => {
    const fonts = zipEntries(epub).filter((entry) => entry.startsWith('OEBPS/fonts/') && entry !== 'OEBPS/fonts/');
    expect(fonts).toEqual(expect.arrayContaining(['OEBPS/fonts/noto-serif-400-normal.ttf', 'OEBPS/fonts/be-vietnam-pro-600-normal.ttf']));
    expect(fonts.every((font) => font.endsWith('.ttf'))).toBe(true);
    const css = zipText(epub, 'OEBPS/style.css');
    const faces = [...css.matchAll(/src: url\('([^']+)'\)/g)].map((match) => `OEBPS/${match[1]}`);
    expect(faces.sort()).toEqual([...fonts].sort());
    for (const font of fonts) expect(opf).toContain(`href="${font.slice('OEBPS/'.length)}" media-type="font/ttf"`);
  });

  it('stores the mimetype first, uncompressed, and dates every entry with the article', () => {
    const listing = zipListing(epub);
    expect(listing[0]).toEqual({ name: 'mimetype', method: 'Stored', date: '2023-08-25 00:00' });
    expect(zipText(epub, 'mimetype')).toBe('application/epub+zip');
    expect(new Set(listing.map((entry) => entry.date))).toEqual(new Set(['2023-08-25 00:00']));
  });

  it('rebuilds byte for byte', async () => {
    expect((await readFile(rebuilt)).equals(await readFile(epub))).toBe(true);
  });

  it('rebuilds byte for byte under SOURCE_DATE_EPOCH, which dates the modification and the zip entries', async () => {
    const env = { ...process.env, SOURCE_DATE_EPOCH: '1700000000' };
    const [first, second] = await Promise.all([buildFixture('manuscript', env), buildFixture('manuscript', env)]);
    const [a, b] = [join(first.outDir, `${SLUG}.epub`), join(second.outDir, `${SLUG}.epub`)];
    expect((await readFile(a)).equals(await readFile(b))).toBe(true);
    const package_ = zipText(a, 'OEBPS/content.opf');
    expect(package_).toContain('<meta property="dcterms:modified">2023-11-14T22:13:20Z</meta>');
    expect(xmlValues(package_, 'dc:date')).toEqual(['2023-08-25']);
    expect(new Set(zipListing(a).map((entry) => entry.date))).toEqual(new Set(['2023-11-14 22:13']));
  });

  it('passes Ace by DAISY with no failed check', async () => {
    const result = await ace(epub);
    expect(result.failures).toEqual([]);
    expect(result.outcome).toBe('pass');
    expect(result.documents).toEqual(expect.arrayContaining(['cover.xhtml', 'toc.xhtml', 'article.xhtml']));
  });

  it('opens in epub.js: cover first, then every paragraph of the article in the shipped fonts', async () => {
    const reading = await readInEpubJs(epub);
    expect(reading.blocked).toEqual([]);
    expect(reading.metadata).toEqual({ title: TITLE, creator: 'Quốc Trường', publisher: 'Báo Bắc Giang', language: 'vi' });
    expect(reading.toc[0]).toBe(TITLE);
    const [cover, ...rest] = reading.documents;
    expect(cover?.href).toBe('cover.xhtml');
    expect(cover?.images).toEqual([{ alt: expect.stringContaining(TITLE), role: 'doc-cover', width: 1600, height: 2400 }]);
    const article = rest.find((document) => document.href === 'article.xhtml');
    expect(article?.lang).toBe('vi');
    const source = await readFile(join(fixtureDir('seed-source'), 'article.txt'), 'utf8');
    for (const paragraph of source.split(/\n\s*\n/).map((text) => text.trim()).filter(Boolean)) {
      expect(squeeze(article?.text ?? ''), paragraph.slice(0, 40)).toContain(squeeze(paragraph));
    }
    expect(article?.fonts).toEqual(expect.arrayContaining(['Noto Serif', 'Be Vietnam Pro']));
  });
});
