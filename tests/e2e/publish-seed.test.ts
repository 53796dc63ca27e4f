import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, fixtureDir } from '../helpers/build-fixture.ts';
import { pdfTextIn, splitParagraphs } from '../helpers/pdf.ts';
import { epubcheck, pdfPages, pdfFonts, pdfText, squeeze, xhtmlText, zipEntries, zipText } from '../helpers/tools.ts';

const SLUG = 'tang-cuong-bao-ve-to-quoc-tren-khong-gian-mang';
let outDir: string;
let paragraphs: string[];

beforeAll(async () => {
  ({ outDir } = await buildFixture('manuscript'));
  const source = await readFile(join(fixtureDir('seed-source'), 'article.txt'), 'utf8');
  paragraphs = source.split(/\n\s*\n/).map((paragraph) => paragraph.trim()).filter(Boolean);
});

/** Running heads and page numbers stand between the lines of a paragraph split over two pages: drop them. */
function withoutPageFurniture(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^(BÁO BẮC GIANG|Trang \d+ \/ \d+)$/.test(line.trim()))
    .join('\n');
}

describe('the seed article', () => {
  it('writes the web edition, the index, the PDF, the press copy, the booklet and the EPUB', async () => {
    for (const name of [`${SLUG}.html`, 'index.html', `${SLUG}.pdf`, `${SLUG}.print.pdf`, `${SLUG}.booklet.pdf`, `${SLUG}.epub`]) {
      expect((await readFile(join(outDir, name))).byteLength, name).toBeGreaterThan(500);
    }
  });

  it('brings every paragraph of the source, word for word and NFC, into the PDF', () => {
    const text = withoutPageFurniture(pdfText(join(outDir, `${SLUG}.pdf`)));
    expect(text.normalize('NFC')).toBe(text);
    for (const paragraph of paragraphs) expect(squeeze(text), paragraph.slice(0, 40)).toContain(squeeze(paragraph));
  });

  it('brings every paragraph of the source into the press copy, and every word into the booklet', () => {
    const press = withoutPageFurniture(pdfText(join(outDir, `${SLUG}.print.pdf`)));
    for (const paragraph of paragraphs) expect(squeeze(press), paragraph.slice(0, 40)).toContain(squeeze(paragraph));
    // The booklet deals the pages out of reading order, so a paragraph may run from one side to another.
    const booklet = squeeze(pdfText(join(outDir, `${SLUG}.booklet.pdf`)));
    const missing = paragraphs.flatMap((paragraph) => paragraph.split(/\s+/)).filter((word) => !booklet.includes(word));
    expect(missing).toEqual([]);
  });

  it('breaks no line inside a reference number or a date (29-NQ/TW, 25/7/2018)', () => {
    for (const name of [`${SLUG}.pdf`, `${SLUG}.print.pdf`]) {
      const lines = pdfText(join(outDir, name)).split('\n');
      expect(lines.filter((line) => /[\p{Lu}\p{N}][-/]$/u.test(line.trim())), name).toEqual([]);
    }
  });

  it('cuts no paragraph at a page break so as to leave a single line behind or ahead (no orphan, no widow)', () => {
    // The text block of each product, below its running head and above its page number, in points.
    const bodies = [
      { name: `${SLUG}.pdf`, area: { x: 0, y: 66, width: 595, height: 700 } },
      { name: `${SLUG}.print.pdf`, area: { x: 0, y: 76, width: 488, height: 502 } },
    ];
    const splits = bodies.flatMap(({ name, area }) => {
      const file = join(outDir, name);
      const pages = Array.from({ length: pdfPages(file) }, (_, index) => pdfTextIn(file, index + 1, area).split('\n').filter((line) => line.trim() !== ''));
      return splitParagraphs(pages, paragraphs).map((split) => ({ name, ...split }));
    });
    expect(splits.length, 'the seed has a paragraph that runs over a page break').toBeGreaterThan(0);
    for (const split of splits) {
      expect(split.linesBefore, JSON.stringify(split)).toBeGreaterThanOrEqual(2);
      expect(split.linesAfter, JSON.stringify(split)).toBeGreaterThanOrEqual(2);
    }
  });

  it('brings every paragraph of the source, word for word and NFC, into the EPUB', () => {
    const text = xhtmlText(zipText(join(outDir, `${SLUG}.epub`), 'OEBPS/article.xhtml'));
    expect(text.normalize('NFC')).toBe(text);
    for (const paragraph of paragraphs) expect(squeeze(text), paragraph.slice(0, 40)).toContain(squeeze(paragraph));
  });

  it('sets the three photo captions as the captions of photos not carried, not as body text nor empty figures', async () => {
    const html = await readFile(join(outDir, `${SLUG}.html`), 'utf8');
    const captions = [...html.matchAll(/<p class="caption-only"><span class="caption-only-label">Chú thích ảnh \(ảnh không kèm theo\):<\/span> ([^<]+)<\/p>/g)].map((match) => match[1]);
    expect(captions).toEqual([
      'Đại tá La Công Phương phát biểu tại hội nghị.',
      'Đồng chí Nguyễn Gia Phong, Phó Giám đốc Sở Thông tin và Truyền thông trao đổi, thảo luận.',
      'Đại tá Vũ Đức Hiền phát biểu kết luận.',
    ]);
    expect(html).not.toMatch(/<p>Đại tá La Công Phương phát biểu tại hội nghị\.<\/p>/);
    expect(html).not.toContain('<figure');
  });

  it('embeds every font of the three PDFs, none of them Type 3, all from the shipped faces', () => {
    for (const name of [`${SLUG}.pdf`, `${SLUG}.print.pdf`, `${SLUG}.booklet.pdf`]) {
      const fonts = pdfFonts(join(outDir, name));
      expect(fonts.length, name).toBeGreaterThan(0);
      for (const font of fonts) {
        expect(font.embedded, `${name}: ${font.name}`).toBe(true);
        expect(font.type, `${name}: ${font.name}`).not.toMatch(/Type 3/);
        expect(font.name, `${name}: no system fallback face`).toMatch(/\+(NotoSerif|BeVietnamPro)-/);
      }
    }
  });

  it('passes epubcheck with no error and no warning', () => {
    const result = epubcheck(join(outDir, `${SLUG}.epub`));
    expect(result.messages).toEqual([]);
  });

  it('carries the shipped fonts in the EPUB', () => {
    const fonts = zipEntries(join(outDir, `${SLUG}.epub`)).filter((entry) => entry.startsWith('OEBPS/fonts/'));
    expect(fonts).toContain('OEBPS/fonts/noto-serif-400-normal.ttf');
    expect(zipText(join(outDir, `${SLUG}.epub`), 'OEBPS/style.css')).toContain("font-family: 'Noto Serif'");
  });

  it('serves a Vietnamese web edition that links to every PDF and the EPUB with their sizes', async () => {
    const html = await readFile(join(outDir, `${SLUG}.html`), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="vi">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    const named = '<span class="sr-only">: Tăng cường nhiệm vụ bảo vệ Tổ quốc trên không gian mạng</span></a>';
    expect(html).toMatch(new RegExp(`<a href="${SLUG}\\.pdf" type="application/pdf">PDF để đọc và lưu${named} <span class="size">\\(PDF, \\d+ kB\\)</span>`));
    expect(html).toMatch(new RegExp(`<a href="${SLUG}\\.epub" type="application/epub\\+zip" download>Sách điện tử EPUB${named} <span class="size">\\(EPUB, \\d+ kB\\)</span>`));
    expect(html).toMatch(new RegExp(`<a href="${SLUG}\\.print\\.pdf"[^>]*>Bản in A5 cho nhà in${named} <span class="size">\\(PDF, \\d+ kB\\)</span>`));
    expect(html).toMatch(new RegExp(`<a href="${SLUG}\\.booklet\\.pdf"[^>]*>Bản in gập A4 cho máy in văn phòng${named} <span class="size">\\(PDF, \\d+ kB\\)</span>`));
    expect(html).toContain('Tin, ảnh: Quốc Trường');
    expect(html).toContain('Nguồn Báo Bắc Giang: <a href="http://m.baobacgiang.vn/bg/chinh-tri/410649/tang-cuong-nhiem-vu-bao-ve-to-quoc-tren-khong-gian-mang.html">');
  });

  it('lists the publication in the index with its download links', async () => {
    const html = await readFile(join(outDir, 'index.html'), 'utf8');
    expect(html).toContain(`<a href="${SLUG}.html">Tăng cường nhiệm vụ bảo vệ Tổ quốc trên không gian mạng</a>`);
    expect(html).toContain(`href="${SLUG}.pdf"`);
    expect(html).toContain(`href="${SLUG}.epub"`);
    expect(html).toContain(`href="${SLUG}.print.pdf"`);
    expect(html).toContain(`href="${SLUG}.booklet.pdf"`);
  });
});
