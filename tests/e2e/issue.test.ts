import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bookletSides } from '../../scripts/products/booklet-order.ts';
import { ace } from '../helpers/ace.ts';
import { buildFixture } from '../helpers/build-fixture.ts';
import { pdfLinks, pdfOutline, pdfTextIn } from '../helpers/pdf.ts';
import { epubcheck, pdfFonts, pdfPages, pdfText, xmlValues, zipEntries, zipText } from '../helpers/tools.ts';

/** The fixture issue's articles in its order: manuscript, title, and a heading of each. */
const ARTICLES = [
  { slug: 'vu-che-xuan', title: 'Vụ chè xuân thắng lợi trên đồi Yên Thế', headings: ['Sản lượng theo thôn', 'Giá bán', 'Chú thích'] },
  { slug: 'gia-ca-thi-truong', title: 'Giá cả thị trường nông sản tháng năm', headings: ['Giá nông sản', 'Vật tư nông nghiệp', 'Chú thích'] },
  { slug: 'hop-tac-xa', title: 'Hợp tác xã chè Đồng Kỳ mở rộng liên kết', headings: ['Thành viên mới', 'Điều kiện tham gia'] },
  { slug: 'khoa-hoc-ky-thuat', title: 'Kỹ thuật đốn tỉa chè sau thu hoạch', headings: ['Đốn tỉa', 'Bón phân', 'Chú thích'] },
  { slug: 'doi-song', title: 'Đời sống mới ở thôn Tân Sỏi', headings: ['Nhà văn hóa mới'] },
  { slug: 'lich-mua-vu', title: 'Lịch thời vụ tháng sáu', headings: ['Cây chè', 'Cây vải', 'Chăn nuôi'] },
];
const COLOPHON = [
  'Giấy phép xuất bản số 12/GP-STTTT ngày 10/1/2024',
  'Chịu trách nhiệm xuất bản: Nguyễn Văn An',
  'In tại Công ty In Bắc Giang',
  'Số lượng: 500 bản',
  'Kỳ hạn xuất bản: 1 tháng 1 số',
];

/** Text with every run of white space as one space: lines and columns as pdftotext lays them out do not matter. */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

let outDir: string;
let againDir: string;
const product = (name: string, dir = outDir) => join(dir, 'issues', `so-1${name}`);

beforeAll(async () => {
  const [first, second] = await Promise.all([buildFixture('issue'), buildFixture('issue')]);
  expect(first.report.ok && second.report.ok).toBe(true);
  outDir = first.outDir;
  againDir = second.outDir;
});

/** The page each article starts on, as the front page's contents print it. */
function contentsPages(file: string): number[] {
  const front = flat(pdfText(file, 1));
  return ARTICLES.map((article) => {
    const match = new RegExp(`${article.title} (\\d+)`).exec(front);
    if (!match) throw new Error(`the contents of ${file} do not list "${article.title}" with a page: ${front}`);
    return Number(match[1]);
  });
}

describe('an issue of six articles as a download PDF', () => {
  it('prints a front page with the masthead and contents whose page numbers are where each article starts', () => {
    const file = product('.pdf');
    const front = flat(pdfText(file, 1));
    expect(front).toContain('BẢN TIN Nông nghiệp Yên Thế');
    expect(front).toContain('Số 1 · Thứ Bảy, 1/6/2024'.toUpperCase());
    const pages = contentsPages(file);
    expect(pages[0]).toBe(2);
    ARTICLES.forEach((article, index) => {
      const page = pages[index] as number;
      // The headline opens its page, right after the running head and the page number, and the page before does not show it.
      expect(flat(pdfText(file, page))).toMatch(new RegExp(`^NÔNG NGHIỆP YÊN THẾ · SỐ 1 Trang ${page} / \\d+ ${article.title}`));
      if (page - 1 > 1) expect(flat(pdfText(file, page - 1))).not.toContain(article.title);
    });
  });

  it('keeps every article off the front page, down to the last glyph', () => {
    const file = product('.pdf');
    const front = flat(pdfText(file, 1));
    const lastEntry = `${ARTICLES.at(-1)?.title} ${contentsPages(file).at(-1)}`;
    expect(front.endsWith(lastEntry)).toBe(true);
  });

  it('numbers its pages in one sequence, "Trang N / M", under a running head with the bulletin and number', () => {
    const file = product('.pdf');
    const count = pdfPages(file);
    for (let page = 2; page <= count; page++) {
      const text = flat(pdfText(file, page));
      expect(text.startsWith('NÔNG NGHIỆP YÊN THẾ · SỐ 1')).toBe(true);
      expect(text).toContain(`Trang ${page} / ${count}`);
    }
  });

  it('has a bookmark for each article with its headings nested under it', () => {
    const outline = pdfOutline(product('.pdf'));
    for (const article of ARTICLES) {
      const at = outline.findIndex((entry) => entry.title === article.title);
      expect(at).toBeGreaterThanOrEqual(0);
      const depth = outline[at]?.depth ?? -1;
      const nested = [];
      for (let index = at + 1; index < outline.length && (outline[index]?.depth ?? 0) > depth; index++) nested.push(outline[index]?.title);
      expect(nested).toEqual(article.headings);
    }
  });

  it('takes a link from one article to another of the issue to the page of that article, or of its heading', async () => {
    const file = product('.pdf');
    const pages = contentsPages(file);
    // The contents on page 1 link to every article too: only the links inside the articles count here.
    const links = (await pdfLinks(file)).filter((link) => link.target?.name.startsWith('a-') && link.page > 1);
    const toArticle = links.find((link) => link.target?.name === 'a-gia-ca-thi-truong');
    expect(toArticle?.target?.page).toBe(pages[1]);
    const toHeading = links.find((link) => link.target?.name.startsWith('a-gia-ca-thi-truong--') && link.page < (pages[1] as number));
    expect(flat(pdfText(file, toHeading?.target?.page ?? 0))).toContain('Vật tư nông nghiệp');
    const back = links.find((link) => link.target?.name.startsWith('a-vu-che-xuan--') && link.page >= (pages[2] as number) && link.page < (pages[3] as number));
    expect(flat(pdfText(file, back?.target?.page ?? 0))).toContain('Sản lượng theo thôn');
  });

  it('is byte-identical when built again', async () => {
    for (const name of ['.pdf', '.print.pdf', '.booklet.pdf', '.epub', '.html']) {
      expect(await readFile(product(name, againDir))).toEqual(await readFile(product(name)));
    }
  });
});

describe('the press copy of the issue', () => {
  it('has a multiple of four pages, "BẢN TIN" and the masthead on page 1 and the colophon at the foot of the last', () => {
    const file = product('.print.pdf');
    const count = pdfPages(file);
    expect(count % 4).toBe(0);
    expect(count).toBeLessThanOrEqual(64);
    expect(flat(pdfText(file, 1))).toMatch(/^BẢN TIN Nông nghiệp Yên Thế HỘI NÔNG DÂN HUYỆN YÊN THẾ SỐ 1 · THỨ BẢY, 1\/6\/2024/);
    const last = flat(pdfText(file, count));
    for (const line of COLOPHON) expect(last).toContain(line);
    // At the foot: the colophon's first line sits in the lower half of the trimmed page.
    const lowerHalf = flat(pdfTextIn(file, count, { x: 0, y: 330, width: 488, height: 250 }));
    expect(lowerHalf).toContain(COLOPHON[0]);
  });

  it('prints every page in the shipped faces, the colophon included, in each paper edition', () => {
    for (const name of ['.pdf', '.print.pdf', '.booklet.pdf']) {
      const fonts = pdfFonts(product(name));
      expect(fonts.length, name).toBeGreaterThan(0);
      for (const font of fonts) expect(font.name, `${name}: no system fallback face`).toMatch(/\+(NotoSerif|BeVietnamPro)-/);
    }
  });

  it('puts the blank pages before the last page, never after the colophon', () => {
    const file = product('.print.pdf');
    const count = pdfPages(file);
    const lastArticlePage = Math.max(...contentsPages(file));
    const texts = Array.from({ length: count }, (_, index) => flat(pdfText(file, index + 1)));
    const blanks = texts.map((text, index) => (text === '' ? index + 1 : 0)).filter(Boolean);
    for (const blank of blanks) {
      expect(blank).toBeGreaterThan(lastArticlePage);
      expect(blank).toBeLessThan(count);
    }
    expect(texts.slice(0, count - 1).filter((text) => text.includes(COLOPHON[0] as string))).toEqual([]);
  });
});

describe('the booklet of the issue', () => {
  it('holds every page of the press copy, two to a side, in saddle-stitch order', () => {
    const press = product('.print.pdf');
    const count = pdfPages(press);
    const booklet = product('.booklet.pdf');
    const sides = bookletSides(count);
    expect(pdfPages(booklet)).toBe(sides.length);
    sides.forEach(([left, right], index) => {
      for (const [number, half] of [[left, 0], [right, 1]] as const) {
        const text = flat(pdfTextIn(booklet, index + 1, { x: half * 421, y: 0, width: 421, height: 596 }));
        if (number === null || number === 1 || number === count) continue;
        if (flat(pdfText(press, number)) === '') expect(text).toBe('');
        else expect(text).toContain(`Trang ${number} / ${count}`);
      }
    });
    expect(flat(pdfTextIn(booklet, 1, { x: 421, y: 0, width: 421, height: 596 }))).toContain('BẢN TIN');
  });
});

describe('the EPUB of the issue', () => {
  it('passes epubcheck with no error or warning', () => {
    expect(epubcheck(product('.epub'))).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('passes Ace by DAISY with no failed check', async () => {
    const result = await ace(product('.epub'));
    expect(result.failures).toEqual([]);
    expect(result.outcome).toBe('pass');
  });

  it('has one chapter per article and a table of contents with each article and its headings nested under it', () => {
    const epub = product('.epub');
    expect(zipEntries(epub)).toEqual(expect.arrayContaining(ARTICLES.map((article) => `OEBPS/${article.slug}.xhtml`)));
    const nav = zipText(epub, 'OEBPS/toc.xhtml');
    for (const article of ARTICLES) {
      const entry = new RegExp(`<li><a href="${article.slug}\\.xhtml">${article.title}</a>\\s*<ol>([\\s\\S]*?)</ol>\\s*</li>`).exec(nav);
      expect(entry, article.title).not.toBeNull();
      for (const heading of article.headings) expect(entry?.[1]).toContain(`>${heading}</a>`);
    }
  });

  it('is a member of the bulletin’s series, numbered, with the issue’s date and publisher', () => {
    const opf = zipText(product('.epub'), 'OEBPS/content.opf');
    expect(xmlValues(opf, 'dc:title')).toEqual(['Nông nghiệp Yên Thế, Số 1: Mùa chè xuân']);
    expect(xmlValues(opf, 'dc:date')).toEqual(['2024-06-01']);
    expect(xmlValues(opf, 'dc:publisher')).toEqual(['Hội Nông dân huyện Yên Thế']);
    expect(opf).toMatch(/<meta property="belongs-to-collection" id="collection">Nông nghiệp Yên Thế<\/meta>/);
    expect(opf).toContain('<meta refines="#collection" property="collection-type">series</meta>');
    expect(opf).toContain('<meta refines="#collection" property="group-position">1</meta>');
  });

  it('links an article to another chapter of the issue', () => {
    const chapter = zipText(product('.epub'), 'OEBPS/vu-che-xuan.xhtml');
    expect(chapter).toContain('href="gia-ca-thi-truong.xhtml"');
    expect(chapter).toContain('href="gia-ca-thi-truong.xhtml#vật-tư-nông-nghiệp"');
  });
});

describe('the issue on the web', () => {
  it('has a page whose every link and image resolves to a file of the output', async () => {
    const page = 'issues/so-1.html';
    const html = await readFile(join(outDir, page), 'utf8');
    // Absolute addresses are the site's own (canonical, feed), where it will be published.
    const targets = [...html.matchAll(/(?:href|src)="([^"#]+)(?:#[^"]*)?"/g)].map((match) => match[1] as string).filter((target) => !/^https?:/.test(target));
    expect(targets.length).toBeGreaterThan(10);
    for (const target of targets) expect(existsSync(join(outDir, posix.join(posix.dirname(page), target))), target).toBe(true);
    for (const article of ARTICLES) expect(html).toContain(`href="../${article.slug}.html"`);
  });

  it('is listed on the index above the articles', async () => {
    const index = await readFile(join(outDir, 'index.html'), 'utf8');
    expect(index.indexOf('href="issues/so-1.html"')).toBeGreaterThan(0);
    expect(index.indexOf('href="issues/so-1.html"')).toBeLessThan(index.indexOf('href="vu-che-xuan.html"'));
  });

  it('links an article’s web edition to the other article’s, at its heading', async () => {
    const html = await readFile(join(outDir, 'hop-tac-xa.html'), 'utf8');
    expect(html).toContain('href="vu-che-xuan.html#sản-lượng-theo-thôn"');
  });
});
