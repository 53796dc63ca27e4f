import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { withBrowser } from '../../scripts/browser.ts';
import { buildFixture } from '../helpers/build-fixture.ts';
import { pdfFonts, pdfPages, pdfText, run, squeeze, xhtmlText, zipEntries, zipText } from '../helpers/tools.ts';

const SEED = 'tang-cuong-bao-ve-to-quoc-tren-khong-gian-mang';
const BOOKS = { 'the seed': `${SEED}.epub`, 'an issue': 'issues/so-1.epub' } as const;
const SHIPPED = ['Noto Serif', 'Be Vietnam Pro'];

/** What a Kindle-class reader keeps of a book: calibre's EPUB → AZW3 (KF8) → EPUB, with both conversions' logs. */
interface RoundTrip {
  log: string;
  folder: string;
}

let outDir: string;
let issueDir: string;
const trips = new Map<string, RoundTrip>();

function convert(from: string, to: string): string {
  return execFileSync('ebook-convert', [from, to], { encoding: 'utf8', env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' }, stdio: ['ignore', 'pipe', 'pipe'] });
}

async function roundTrip(epub: string): Promise<RoundTrip> {
  const work = await mkdtemp(join(tmpdir(), 'folio-kindle-'));
  const log = convert(epub, join(work, 'book.azw3')) + convert(join(work, 'book.azw3'), join(work, 'back.epub'));
  run('unzip', ['-q', '-o', join(work, 'back.epub'), '-d', join(work, 'back')]);
  return { log, folder: join(work, 'back') };
}

/**
 * The fonts a converted book embeds, by family name. Calibre obfuscates embedded fonts with Adobe's
 * algorithm (META-INF/encryption.xml): the first 1024 bytes XORed with the 16 bytes of the book's UUID.
 */
async function embeddedFamilies({ folder }: RoundTrip): Promise<Set<string>> {
  const opfName = (await readdir(folder)).find((name) => name.endsWith('.opf')) as string;
  const opf = await readFile(join(folder, opfName), 'utf8');
  const uniqueId = /unique-identifier="([^"]+)"/.exec(opf)?.[1];
  const uuid = new RegExp(`<dc:identifier[^>]*id="${uniqueId}"[^>]*>urn:uuid:([0-9a-f-]+)<`).exec(opf)?.[1] ?? '';
  const key = Buffer.from(uuid.replace(/-/g, ''), 'hex');
  const encryption = await readFile(join(folder, 'META-INF', 'encryption.xml'), 'utf8').catch(() => '');
  const obfuscated = new Set([...encryption.matchAll(/URI="([^"]+)"/g)].map((match) => match[1]));
  const families = new Set<string>();
  for (const name of (await readdir(join(folder, 'fonts'))).filter((file) => /\.(ttf|otf)$/.test(file))) {
    const bytes = await readFile(join(folder, 'fonts', name));
    if (obfuscated.has(`fonts/${name}`)) for (let index = 0; index < Math.min(1024, bytes.length); index++) bytes[index] = (bytes[index] as number) ^ (key[index % key.length] as number);
    const plain = join(folder, `plain-${name}`);
    await writeFile(plain, bytes);
    for (const family of run('fc-query', ['--format=%{family}\n', plain]).trim().split(',')) families.add(family);
  }
  return families;
}

beforeAll(async () => {
  [{ outDir }, { outDir: issueDir }] = await Promise.all([buildFixture('manuscript'), buildFixture('issue')]);
  await Promise.all(Object.entries(BOOKS).map(async ([name, file]) => trips.set(name, await roundTrip(join(outDir, file)))));
});

describe.each(Object.keys(BOOKS))('%s as a Kindle book (calibre: EPUB → AZW3 → EPUB)', (name) => {
  it('keeps both shipped faces embedded', async () => {
    const families = await embeddedFamilies(trips.get(name) as RoundTrip);
    for (const family of SHIPPED) expect(families).toContain(family);
  });

  it('reads the stylesheet without a CSS error, keeping the faces in its rules', async () => {
    const { log, folder } = trips.get(name) as RoundTrip;
    expect(log).not.toMatch(/CSSStyleDeclaration|Syntax Error|CSS error|Unknown property/i);
    const css = (await readdir(folder)).filter((file) => file.endsWith('.css'));
    const rules = (await Promise.all(css.map((file) => readFile(join(folder, file), 'utf8')))).join('\n');
    for (const family of SHIPPED) expect(rules).toMatch(new RegExp(`font-family:[^;]*"${family}"`));
  });
});

describe.each(Object.entries(BOOKS))('%s as Folio writes it', (_name, file) => {
  it('embeds one TrueType file a face, no WOFF2 and no unicode-range', () => {
    const epub = join(outDir, file);
    const fonts = zipEntries(epub).filter((entry) => entry.startsWith('OEBPS/fonts/'));
    expect(fonts.filter((entry) => entry.endsWith('.ttf')).sort()).toEqual(
      ['be-vietnam-pro-600-normal', 'noto-serif-400-italic', 'noto-serif-400-normal', 'noto-serif-700-italic', 'noto-serif-700-normal'].map((face) => `OEBPS/fonts/${face}.ttf`),
    );
    const css = zipText(epub, 'OEBPS/style.css');
    expect(css).not.toContain('unicode-range');
    expect(css).not.toContain('var(');
    expect(css).not.toMatch(/^\s*--/m);
    expect(css).not.toMatch(/currentcolor/i);
  });

  it('draws every Vietnamese letter from a shipped face where the reading system ignores unicode-range', async () => {
    const epub = join(outDir, file);
    const folder = await mkdtemp(join(tmpdir(), 'folio-epub-faces-'));
    run('unzip', ['-q', '-o', epub, '-d', folder]);
    const stylesheet = join(folder, 'OEBPS', 'style.css');
    await writeFile(stylesheet, (await readFile(stylesheet, 'utf8')).replace(/unicode-range:[^;}]*;?/g, ''));
    const documents = zipEntries(epub).filter((entry) => entry.startsWith('OEBPS/') && entry.endsWith('.xhtml'));
    // Every letter beyond ASCII that the book's pages show, in each style the stylesheet sets text in.
    const text = documents.map((entry) => xhtmlText(zipText(epub, entry))).join(' ');
    const letters = [...new Set(text.normalize('NFC').match(/[^\x00-\x7f]/gu) ?? [])].filter((char) => /\p{L}/u.test(char)).join('');
    expect(letters).toMatch(/[ăâđêôơư]/);
    const styles = `<p>${letters}</p><p><em>${letters}</em></p><p><strong>${letters}</strong></p><p><strong><em>${letters}</em></strong></p><h2>${letters}</h2>`;
    const lettersPage = join(folder, 'OEBPS', 'letters.xhtml');
    await writeFile(lettersPage, `<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml" lang="vi" xml:lang="vi"><head><title>Chữ</title><link rel="stylesheet" type="text/css" href="style.css"/></head><body><article class="article"><div class="article-body">${styles}</div></article></body></html>`);
    await withBrowser(process.env, async ({ browser }) => {
      const tab = await browser.newPage();
      for (const page of [lettersPage, ...documents.map((entry) => join(folder, entry))]) {
        await tab.goto(`file://${page}`, { waitUntil: 'load' });
        await tab.evaluate(() => Promise.all([...document.fonts].map((face) => face.load().catch(() => undefined))).then(() => undefined));
        const pdf = `${page}.pdf`;
        await writeFile(pdf, await tab.pdf({ format: 'A4', printBackground: true }));
        const families = new Set(pdfFonts(pdf).map((font) => font.name.replace(/^[A-Z]{6}\+/, '').replace(/-.*$/, '')));
        for (const family of families) expect(['NotoSerif', 'BeVietnamPro'], `${page}: ${family}`).toContain(family);
        if (page === lettersPage) {
          expect(families).toEqual(new Set(['NotoSerif', 'BeVietnamPro']));
          expect(pdfText(pdf).normalize('NFC')).toContain(letters);
        }
      }
    });
  });
});

describe('the seed\'s page list, for a reader who cites the printed page', () => {
  const epub = () => join(outDir, `${SEED}.epub`);
  const press = () => join(outDir, `${SEED}.print.pdf`);

  it('lists every page of the 3-page press copy, each marked in the text, and names the printed edition as its source', () => {
    expect(pdfPages(press())).toBe(3);
    const nav = zipText(epub(), 'OEBPS/toc.xhtml');
    const pageList = /<nav epub:type="page-list"[\s\S]*?<\/nav>/.exec(nav)?.[0] ?? '';
    expect([...pageList.matchAll(/<a href="article\.xhtml#([^"]+)">(\d+)<\/a>/g)].map((match) => [match[1], match[2]])).toEqual([
      ['print-page-1', '1'],
      ['print-page-2', '2'],
      ['print-page-3', '3'],
    ]);
    const chapter = zipText(epub(), 'OEBPS/article.xhtml');
    for (const page of [1, 2, 3]) expect(chapter).toContain(`<span epub:type="pagebreak" role="doc-pagebreak" id="print-page-${page}" aria-label="${page}"/>`);
    const opf = zipText(epub(), 'OEBPS/content.opf');
    expect(opf).toMatch(/<dc:source id="print-source">[^<]*\.print\.pdf\)<\/dc:source>/);
    expect(opf).toContain('<meta refines="#print-source" property="source-of">pagination</meta>');
    for (const feature of ['printPageNumbers', 'pageBreakMarkers', 'pageNavigation']) expect(opf).toContain(`<meta property="schema:accessibilityFeature">${feature}</meta>`);
  });

  it('marks each page where the press copy breaks it, to within a paragraph', () => {
    const chapter = zipText(epub(), 'OEBPS/article.xhtml').replace(/<head>[\s\S]*?<\/head>/, '');
    // The chapter's text between its page markers: segment n + 1 follows the marker of page n + 1.
    const segments = chapter.split(/<span epub:type="pagebreak"[^>]*\/>/).map((part) => squeeze(xhtmlText(part)));
    for (const page of [1, 2, 3]) {
      const printed = squeeze(pdfText(press(), page));
      const after = (segments[page] ?? '').slice(0, 30);
      const at = printed.indexOf(after);
      expect(at, `page ${page}: the text after its marker is printed on it`).toBeGreaterThanOrEqual(0);
      // What the page prints before that text is its running head and the end of the paragraph before the marker.
      const before = printed.slice(0, at);
      if (before.length > 40) expect(segments[page - 1] ?? '', `page ${page}: the text before its marker ends the paragraph it breaks`).toContain(before.slice(-30));
    }
  });
});

describe('an issue\'s page list', () => {
  it('lists every printed page that carries an article, also one that holds only the end of a paragraph or an article\'s credit', () => {
    const press = join(issueDir, 'issues', 'so-1.print.pdf');
    const nav = zipText(join(issueDir, 'issues', 'so-1.epub'), 'OEBPS/toc.xhtml');
    const listed = [...(/<nav epub:type="page-list"[\s\S]*?<\/nav>/.exec(nav)?.[0] ?? '').matchAll(/>(\d+)<\/a>/g)].map((match) => Number(match[1]));
    // The pages between the front page (the masthead and contents) and the colophon's, blank pages left out.
    const running = /^.*SỐ 1\s*$/m;
    const withArticles = Array.from({ length: pdfPages(press) }, (_, index) => index + 1).filter((page) => {
      const text = pdfText(press, page).replace(running, '').replace(/Trang \d+ \/ \d+/, '').trim();
      return page > 1 && text !== '' && !text.includes('THÔNG TIN XUẤT BẢN');
    });
    expect(withArticles.length).toBeGreaterThan(10);
    expect(listed).toEqual(withArticles);
  });
});
