import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFixture } from '../helpers/build-fixture.ts';
import { pdfBoxes, pdfColourOperators, pdfInfo, pdfLanguage, pdfLinks, pdfOutline, pdfPrintPresets, pdfRaster, pdfTextIn } from '../helpers/pdf.ts';
import { pdfFonts, pdfPages, pdfText, run, squeeze, xhtmlText } from '../helpers/tools.ts';

const SLUG = 'tong-ket-vu-che';
const PUBLISHER_HEAD = 'BẢN TIN HỢP TÁC XÃ TÂN TIẾN';
const TITLE = 'Hợp tác xã Tân Tiến tổng kết vụ chè xuân và bàn kế hoạch cả năm';
const LONG_HEADING = 'Kế hoạch chăm sóc, thu hoạch và tiêu thụ sản phẩm chè búp tươi của các thôn trong toàn xã năm hai nghìn không trăm hai mươi tư';
const HEADINGS = [LONG_HEADING, 'Sản lượng từng lô', 'Giá bán và tiêu thụ', 'Những việc cần làm ngay sau vụ xuân', 'Chú thích'];
const LINKS = ['https://example.org/htx-tan-tien', 'https://example.org/so-nong-nghiep'];

/** Where each product prints its running head and page number, in points from the top of the page. */
const MARGINS = {
  download: { head: { y: 0, height: 66 }, foot: { y: 772, height: 70 }, width: 595 },
  // The press sheet: 25.5 pt of slug, 3 mm of bleed, then the 16 mm top and 19 mm bottom margins.
  press: { head: { y: 0, height: 76 }, foot: { y: 578, height: 85 }, width: 488 },
} as const;

let outDir: string;
let againDir: string;
let epochDir: string;
let file: { download: string; press: string; booklet: string };
let articleText: string;

beforeAll(async () => {
  ({ outDir } = await buildFixture('print'));
  ({ outDir: againDir } = await buildFixture('print'));
  ({ outDir: epochDir } = await buildFixture('print', { ...process.env, SOURCE_DATE_EPOCH: '1717200000' }));
  file = { download: join(outDir, `${SLUG}.pdf`), press: join(outDir, `${SLUG}.print.pdf`), booklet: join(outDir, `${SLUG}.booklet.pdf`) };
  const html = await readFile(join(outDir, `${SLUG}.html`), 'utf8');
  articleText = xhtmlText(/<article[\s\S]*<\/article>/.exec(html)?.[0] ?? '');
});

/** The text of the article as the web edition shows it, word by word (the footnotes' way back mark aside). */
function articleWords(): string[] {
  return articleText.split(/\s+/).filter((word) => word !== '' && word !== '^');
}

/** Letters-only words of a text, lower-cased: what a line break must never cut. */
function syllables(text: string): string[] {
  return (text.toLocaleLowerCase('vi').match(/[\p{L}\p{M}]+/gu) ?? []).map((word) => word.normalize('NFC'));
}

function headAndFoot(pdf: string, kind: keyof typeof MARGINS, page: number): { head: string; foot: string } {
  const margins = MARGINS[kind];
  return {
    head: pdfTextIn(pdf, page, { x: 0, width: margins.width, ...margins.head }).trim(),
    foot: pdfTextIn(pdf, page, { x: 0, width: margins.width, ...margins.foot }).trim(),
  };
}

describe('the download PDF', () => {
  it('is A4 portrait, 595 × 842 pt, on every page', () => {
    const boxes = pdfBoxes(file.download);
    expect(boxes.length).toBe(pdfPages(file.download));
    for (const page of boxes) {
      expect(page.MediaBox).toMatchObject({ x1: 0, y1: 0, width: 595.28, height: 841.89 });
      expect(page.CropBox).toEqual(page.MediaBox);
    }
    expect(run('pdfinfo', [file.download])).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)$/m);
  });

  it('is tagged and carries title, author, subject, keywords, language, tool and the article’s date', async () => {
    const info = pdfInfo(file.download);
    expect(info).toMatchObject({
      Tagged: 'yes',
      Title: TITLE,
      Author: 'Phạm Minh Đức',
      Subject: 'Hợp tác xã Tân Tiến tổng kết vụ chè xuân, công bố sản lượng từng lô và thống nhất kế hoạch chăm sóc, thu hoạch, tiêu thụ cho cả năm.',
      Keywords: 'chè, hợp tác xã, Tân Tiến, vụ xuân',
      CreationDate: '2024-03-08T00:00:00Z',
      ModDate: '2024-03-08T00:00:00Z',
    });
    expect(info['Creator']).toMatch(/^Folio \d+\.\d+\.\d+$/);
    expect(info['Producer']).toBe(info['Creator']);
    expect(await pdfLanguage(file.download)).toBe('vi');
  });

  it('takes its dates from SOURCE_DATE_EPOCH where it is set', () => {
    for (const name of [`${SLUG}.pdf`, `${SLUG}.print.pdf`, `${SLUG}.booklet.pdf`]) {
      expect(pdfInfo(join(epochDir, name))).toMatchObject({ CreationDate: '2024-06-01T00:00:00Z', ModDate: '2024-06-01T00:00:00Z' });
    }
  });

  it('prints the publisher as running head and “Trang N / M” on every page but the first', () => {
    const pages = pdfPages(file.download);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(headAndFoot(file.download, 'download', 1)).toEqual({ head: '', foot: '' });
    for (let page = 2; page <= pages; page++) {
      expect(headAndFoot(file.download, 'download', page), `page ${page}`).toEqual({ head: PUBLISHER_HEAD, foot: `Trang ${page} / ${pages}` });
    }
  });

  it('has a bookmark for the title and each heading, nested, with its exact text where the heading wraps', () => {
    // The long heading takes more than one line on the page: the case where Chromium drops a space.
    expect(pdfText(file.download, 1)).not.toContain(LONG_HEADING);
    expect(squeeze(pdfText(file.download, 1))).toContain(squeeze(LONG_HEADING));
    expect(pdfOutline(file.download)).toEqual([
      { title: TITLE, depth: 0 },
      { title: LONG_HEADING, depth: 1 },
      { title: 'Sản lượng từng lô', depth: 2 },
      { title: 'Giá bán và tiêu thụ', depth: 2 },
      { title: 'Những việc cần làm ngay sau vụ xuân', depth: 1 },
      { title: 'Chú thích', depth: 1 },
    ]);
  });

  it('links to every web address, and from each footnote mark to its note and back', async () => {
    const links = await pdfLinks(file.download);
    const uris = links.flatMap((link) => (link.uri ? [link.uri] : []));
    expect(new Set(uris)).toEqual(new Set([...LINKS, 'https://example.org/bao-cao-day-du', 'https://example.org/ban-tin/tong-ket-vu-che']));
    for (const id of ['thoi-tiet', 'so-lieu']) {
      const there = links.find((link) => link.target?.name === `fn-${id}`);
      const back = links.find((link) => link.target?.name === `fnref-${id}`);
      expect(there, `link to footnote ${id}`).toBeDefined();
      expect(back, `link back from footnote ${id}`).toBeDefined();
      // The mark's link leads to the page of the note, whose link leads back to the page of the mark.
      expect(there?.target?.page).toBe(back?.page);
      expect(back?.target?.page).toBe(there?.page);
      expect(pdfText(file.download, there?.target?.page ?? 0)).toContain(id === 'thoi-tiet' ? 'Theo số liệu của trạm khí tượng huyện' : 'Số liệu đã được ban kiểm soát');
    }
  });

  it('never ends a page with a heading, here or in the press copy', () => {
    for (const [pdf, kind] of [
      [file.download, 'download'],
      [file.press, 'press'],
    ] as const) {
      const { head, foot, width } = MARGINS[kind];
      for (let page = 1; page < pdfPages(pdf); page++) {
        const body = squeeze(pdfTextIn(pdf, page, { x: 0, y: head.height, width, height: foot.y - head.height }));
        for (const heading of HEADINGS) expect(body.endsWith(squeeze(heading)), `${kind} page ${page} ends with “${heading}”`).toBe(false);
      }
    }
  });

  it('keeps the photo and its caption on one page', () => {
    const list = run('pdfimages', ['-list', file.download]).split('\n').slice(2).filter(Boolean);
    expect(list).toHaveLength(1);
    const page = Number(list[0]?.trim().split(/\s+/)[0]);
    expect(pdfText(file.download, page)).toContain('Đồi chè Tân Tiến trong những ngày thu hái rộ.');
  });

  it('repeats the table’s header row on every page the table runs onto', () => {
    for (const pdf of [file.download, file.press]) {
      const pages = Array.from({ length: pdfPages(pdf) }, (_, index) => pdfText(pdf, index + 1)).filter((text) => /^Lô \d\d /m.test(text));
      expect(pages.length, `${pdf} splits the table`).toBeGreaterThanOrEqual(2);
      for (const text of pages) expect(text).toMatch(/^Lô Chủ hộ Diện tích \(ha\) Sản lượng \(tấn\)$/m);
    }
  });
});

describe('the press copy', () => {
  it('is an A5 trim with 3 mm bleed on a larger sheet, on every page', () => {
    const boxes = pdfBoxes(file.press);
    expect(boxes.length).toBe(pdfPages(file.press));
    for (const page of boxes) {
      const { MediaBox: media, BleedBox: bleed, TrimBox: trim } = page;
      expect(trim.width).toBeCloseTo(419.5, 1);
      expect(trim.height).toBeCloseTo(595.3, 1);
      expect(bleed.width - trim.width).toBeCloseTo(17, 1);
      expect(bleed.height - trim.height).toBeCloseTo(17, 1);
      expect(trim.x1 - bleed.x1).toBeCloseTo(8.5, 1);
      expect(trim.y1 - bleed.y1).toBeCloseTo(8.5, 1);
      expect(media.x1).toBe(0);
      expect(media.width - bleed.width).toBeGreaterThanOrEqual(2 * 14);
      expect(media.height - bleed.height).toBeGreaterThanOrEqual(2 * 14);
      expect(page.CropBox).toEqual(media);
    }
  });

  it('draws a crop mark on both trim lines at each corner, outside the bleed, and nothing else there', () => {
    const trim = pdfBoxes(file.press)[0]?.TrimBox;
    const sheet = pdfRaster(file.press, 1, 288);
    if (!trim) return expect.fail('the press copy has no page');
    const ink = (x: number, y: number) => sheet.grey(x, y) < 128;
    // pdftoppm counts y from the top; the boxes count it from the bottom.
    const top = sheet.height - trim.y2;
    const bottom = sheet.height - trim.y1;
    for (const [x, outX] of [[trim.x1, -1], [trim.x2, 1]] as const) {
      for (const [y, outY] of [[top, -1], [bottom, 1]] as const) {
        const along = (distance: number) => ink(x + outX * distance, y) || ink(x + outX * distance, y + 0.25);
        const across = (distance: number) => ink(x, y + outY * distance) || ink(x + 0.25, y + outY * distance);
        for (const distance of [16, 20]) {
          expect(along(distance), `horizontal mark ${distance} pt out at (${x}, ${y})`).toBe(true);
          expect(across(distance), `vertical mark ${distance} pt out at (${x}, ${y})`).toBe(true);
        }
        for (let distance = 0.5; distance <= 8.5 + 2; distance += 0.5) {
          expect(along(distance) || across(distance), `ink ${distance} pt from the trim corner, inside the bleed`).toBe(false);
        }
      }
    }
  });

  it('opens with the bulletin’s masthead: publisher, date and headline', () => {
    const lines = pdfText(file.press, 1).split('\n');
    expect(lines[0]).toBe(PUBLISHER_HEAD);
    // The headline takes two or three lines; the date follows it, before the standfirst.
    expect(squeeze(lines.slice(1, 5).join(' '))).toMatch(new RegExp(`^${squeeze(TITLE)}THỨSÁU,8\\/3\\/2024`));
  });

  it('prints the publisher as running head and “Trang N / M” on every page but the first', () => {
    const pages = pdfPages(file.press);
    expect(headAndFoot(file.press, 'press', 1)).toEqual({ head: '', foot: '' });
    for (let page = 2; page <= pages; page++) {
      expect(headAndFoot(file.press, 'press', page), `page ${page}`).toEqual({ head: PUBLISHER_HEAD, foot: `Trang ${page} / ${pages}` });
    }
  });

  it('numbers each link, prints every address at the end, and leaves nothing to click', async () => {
    const text = squeeze(pdfText(file.press));
    expect(text).toContain(squeeze('Hợp tác xã Tân Tiến[1] tổ chức'));
    expect(text).toContain(squeeze('Sở Nông nghiệp và Phát triển nông thôn[2] cùng'));
    expect(text).toContain(squeeze('liên hệ Hợp tác xã Tân Tiến[1] để'));
    // An address already printed in the text gets no number.
    expect(text).toContain(squeeze('đăng tại https://example.org/bao-cao-day-du.'));
    expect(text).toContain(squeeze(`Địa chỉ liên kết [1] ${LINKS[0]} [2] ${LINKS[1]}`));
    expect(text).not.toContain('[3]');
    expect(await pdfLinks(file.press)).toEqual([]);
  });

  it('sets every word and rule in black', async () => {
    for (const operator of await pdfColourOperators(file.press)) {
      expect(operator).toMatch(/^(0 0 0 (rg|RG)|0 (g|G)|0 0 0 1 (k|K)|1 SCN)$/);
    }
    // The download PDF, for comparison, does use colour: this test can tell the two apart.
    expect([...(await pdfColourOperators(file.download))].some((operator) => !/^0 0 0 (rg|RG)$/.test(operator))).toBe(true);
  });
});

describe('the booklet', () => {
  it('prints ceil(pages / 4) × 2 sides of A4 landscape, with no bleed, trim or marks', () => {
    const pressPages = pdfPages(file.press);
    const boxes = pdfBoxes(file.booklet);
    expect(boxes).toHaveLength(Math.ceil(pressPages / 4) * 2);
    for (const side of boxes) {
      expect(side.MediaBox).toMatchObject({ x1: 0, y1: 0, width: 841.89, height: 595.28 });
      for (const box of [side.CropBox, side.BleedBox, side.TrimBox]) expect(box).toEqual(side.MediaBox);
    }
  });

  it('lays the trimmed pages out in saddle-stitch order, sheet by sheet, blanks at the end', () => {
    // The fixture fills five A5 pages: two sheets, padded with three blank pages.
    const pages = pdfPages(file.press);
    expect(pages, 'the fixture is laid out on five press pages').toBe(5);
    const expected = [
      ['sheet 1, front', null, 1],
      ['sheet 1, back', 2, null],
      ['sheet 2, front', null, 3],
      ['sheet 2, back', 4, 5],
    ] as const;
    expected.forEach(([name, left, right], index) => {
      for (const [half, page] of [
        [0, left],
        [1, right],
      ] as const) {
        const text = pdfTextIn(file.booklet, index + 1, { x: half * 421, y: 0, width: 421, height: 596 });
        if (page === null) {
          expect(squeeze(text), `${name}, ${half === 0 ? 'left' : 'right'}: blank`).toBe('');
        } else {
          expect(squeeze(text), `${name}, ${half === 0 ? 'left' : 'right'}: page ${page}`).toBe(squeeze(pdfText(file.press, page)));
          if (page > 1) expect(text).toContain(`Trang ${page} / ${pages}`);
        }
      }
    });
  });

  it('presets the print dialog to actual size, both sides, flipping on the short edge', async () => {
    expect(await pdfPrintPresets(file.booklet)).toMatchObject({ PrintScaling: 'None', Duplex: 'DuplexFlipShortEdge' });
  });

  it('cuts each page at its trim: a blank half stays white, with no crop mark from its neighbour', () => {
    const side = pdfRaster(file.booklet, 1, 144);
    for (let y = 0; y < side.height; y += 0.5) {
      for (let x = 0; x < side.width / 2 - 0.5; x += 0.5) {
        if (side.grey(x, y) !== 255) expect.fail(`ink at (${x}, ${y}) on the blank left half of the first side`);
      }
    }
  });
});

describe('all three PDFs', () => {
  it('are byte-identical when the same manuscript is built again', async () => {
    for (const name of [`${SLUG}.pdf`, `${SLUG}.print.pdf`, `${SLUG}.booklet.pdf`]) {
      const [first, second] = await Promise.all([readFile(join(outDir, name)), readFile(join(againDir, name))]);
      expect(first.equals(second), name).toBe(true);
    }
  });

  it('pass qpdf’s structural check', () => {
    for (const pdf of Object.values(file)) expect(spawnSync('qpdf', ['--check', pdf], { encoding: 'utf8' }).status, pdf).toBe(0);
  });

  it('embed every font, none of them Type 3, all from the shipped faces', () => {
    for (const pdf of Object.values(file)) {
      const fonts = pdfFonts(pdf);
      expect(fonts.length, pdf).toBeGreaterThan(0);
      for (const font of fonts) {
        expect(font.embedded, `${pdf}: ${font.name}`).toBe(true);
        expect(font.type, `${pdf}: ${font.name}`).not.toMatch(/Type 3/);
        expect(font.name, `${pdf}: no system fallback face`).toMatch(/\+(NotoSerif|BeVietnamPro)-/);
      }
    }
  });

  it('carry every word of the article', () => {
    const words = articleWords();
    expect(words.length).toBeGreaterThan(500);
    for (const pdf of Object.values(file)) {
      // Lower-cased on both sides: the PDFs set the dateline in capitals.
      const text = squeeze(pdfText(pdf)).toLocaleLowerCase('vi');
      const missing = words.filter((word) => !text.includes(word.toLocaleLowerCase('vi')));
      expect(missing, pdf).toEqual([]);
    }
  });

  it('never split a Vietnamese syllable at the end of a line', async () => {
    const source = await readFile(join('tests', 'fixtures', 'print', `${SLUG}.md`), 'utf8');
    const known = new Set([...syllables(source), ...syllables(articleText), ...syllables('Trang Địa chỉ liên kết')]);
    for (const pdf of [file.download, file.press]) {
      const unknown = syllables(pdfText(pdf)).filter((syllable) => !known.has(syllable));
      expect(unknown, pdf).toEqual([]);
    }
  });
});
