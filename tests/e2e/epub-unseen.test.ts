import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ace } from '../helpers/ace.ts';
import { buildFixture } from '../helpers/build-fixture.ts';
import { NIGHT, readInEpubJs, type Reading } from '../helpers/read-in-epubjs.ts';
import { zipText } from '../helpers/tools.ts';

const SLUG = 'bao-cao-mua-vu';
let epub: string;
let xhtml: string;
let reading: Promise<Reading> | undefined;

/** The EPUB as epub.js shows it, read once for the tests that need it. */
function read(): Promise<Reading> {
  reading ??= readInEpubJs(epub);
  return reading;
}

beforeAll(async () => {
  const { outDir, report } = await buildFixture('unseen');
  expect(report.ok).toBe(true);
  epub = join(outDir, `${SLUG}.epub`);
  xhtml = zipText(epub, 'OEBPS/article.xhtml');
});

describe('an unseen manuscript with a table, a footnote, a list and a local image, as an EPUB', () => {
  it('marks the footnote as an EPUB 3 pop-up note, linked from the text and back', () => {
    expect(xhtml).toMatch(/<sup><a href="#fn-gia" id="fnref-gia"[^>]* epub:type="noteref" role="doc-noteref">1<\/a><\/sup>/);
    expect(xhtml).toMatch(/<section class="footnotes" epub:type="footnotes">/);
    expect(xhtml).toMatch(/<aside id="fn-gia" epub:type="footnote" role="doc-footnote">\s*<p><span class="note-number">1\. <\/span>Số liệu của Phòng Nông nghiệp huyện, tháng 5 năm 2024\./);
    expect(xhtml, 'no list item left among the notes').not.toMatch(/<li id="fn-/);
    expect(xhtml).toMatch(/<a href="#fnref-gia" aria-label="\^ Quay lại nội dung 1"[^>]* epub:type="referrer" role="doc-backlink">/);
    expect(xhtml, 'no data-* attribute: the library drops them').not.toMatch(/\sdata-footnote[a-z-]*=/);
  });

  it('keeps the author’s alt text and never writes a placeholder', () => {
    expect(xhtml).toContain('<img src="images/image-1.png" alt="Đồi chè xanh dưới bầu trời quang đãng"/>');
    expect(xhtml).not.toContain('image-placeholder');
  });

  it('keeps the table’s column alignment, which the EPUB library would drop', () => {
    expect(xhtml).toContain('<td class="align-right">36,7</td>');
    expect(zipText(epub, 'OEBPS/style.css')).toContain('.article-body .align-right { text-align: right; }');
  });

  it('passes Ace by DAISY with no failed check', async () => {
    const result = await ace(epub);
    expect(result.failures).toEqual([]);
    expect(result.outcome).toBe('pass');
  });

  it('opens in epub.js with the table, the list, the note, the headings and the image shown', async () => {
    const reading = await read();
    expect(reading.blocked).toEqual([]);
    expect(reading.toc).toEqual(['Báo cáo mùa vụ đồi chè Yên Thế', 'Sản lượng theo thôn', 'Việc cần làm', 'Ghi chú về giá', 'Chú thích']);
    const article = reading.documents.find((document) => document.href === 'article.xhtml');
    expect(article?.images).toEqual([{ alt: 'Đồi chè xanh dưới bầu trời quang đãng', role: null, width: 320, height: 200 }]);
    for (const text of ['Phồn Xương\t9,8\t36,7', 'tỉa cành, làm cỏ.', 'Đồi chè Yên Thế vào vụ xuân.', 'Số liệu của Phòng Nông nghiệp huyện, tháng 5 năm 2024.']) {
      expect(article?.text).toContain(text);
    }
  });

  it('follows the reading system’s night theme: no colour or background of its own, rules in the text’s colour', async () => {
    const article = (await read()).documents.find((document) => document.href === 'article.xhtml');
    expect(article?.colours.text).toEqual([NIGHT.color]);
    expect(article?.colours.backgrounds).toEqual([]);
    expect(article?.colours.borders.length).toBeGreaterThan(0);
    expect(new Set(article?.colours.borders)).toEqual(new Set([NIGHT.color]));
  });
});
