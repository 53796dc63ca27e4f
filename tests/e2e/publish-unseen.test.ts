import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFixture } from '../helpers/build-fixture.ts';
import { epubcheck, pdfFonts, pdfText, run, squeeze, xhtmlText, zipEntries, zipText } from '../helpers/tools.ts';

const SLUG = 'bao-cao-mua-vu';
let outDir: string;

beforeAll(async () => {
  ({ outDir } = await buildFixture('unseen'));
});

describe('a manuscript with headings, lists, a table, a footnote, a quote, a link and an image', () => {
  it('prints every block into the PDF', () => {
    const text = squeeze(pdfText(join(outDir, `${SLUG}.pdf`)));
    for (const expected of ['Sảnlượngtheothôn', 'PhồnXương', '36,7', 'bónphânhữucơ;', 'tỉacành,làmcỏ.', 'Ngườitrồngchècầngiữvững', 'SốliệucủaPhòngNôngnghiệphuyện', 'ĐồichèYênThếvàovụxuân.']) {
      expect(text).toContain(expected);
    }
  });

  it('puts the local image into the PDF', () => {
    const list = run('pdfimages', ['-list', join(outDir, `${SLUG}.pdf`)]).split('\n').slice(2).filter(Boolean);
    expect(list.length).toBeGreaterThanOrEqual(1);
    expect(list[0]).toMatch(/\b320\s+200\b/);
  });

  it('puts the local image into the EPUB with its alt text', () => {
    const epub = join(outDir, `${SLUG}.epub`);
    expect(zipEntries(epub)).toContain('OEBPS/images/image-1.png');
    const xhtml = zipText(epub, 'OEBPS/article.xhtml');
    expect(xhtml).toMatch(/<img [^>]*src="images\/image-1\.png"/);
    expect(xhtmlText(xhtml)).toContain('Đồi chè Yên Thế vào vụ xuân.');
    expect(xhtml).toContain('alt="Đồi chè xanh dưới bầu trời quang đãng"');
  });

  it('passes epubcheck with no error and no warning', () => {
    expect(epubcheck(join(outDir, `${SLUG}.epub`)).messages).toEqual([]);
  });

  it('embeds every font of the PDF, none Type 3', () => {
    for (const font of pdfFonts(join(outDir, `${SLUG}.pdf`))) {
      expect(font.embedded, font.name).toBe(true);
      expect(font.type, font.name).not.toMatch(/Type 3/);
    }
  });

  it('shows the image on the web edition as a picture of its own size, and links the footnote both ways', async () => {
    const html = await readFile(join(outDir, `${SLUG}.html`), 'utf8');
    expect(html).toMatch(new RegExp(`<picture><source type="image/webp" srcset="media/${SLUG}/images/doi-che\\.320\\.webp 320w" sizes="[^"]+"><img src="media/${SLUG}/images/doi-che\\.320\\.png" alt="[^"]+" width="320" height="200" decoding="async"></picture>`));
    const [shown, source] = await Promise.all([join(outDir, `media/${SLUG}/images/doi-che.320.png`), 'tests/fixtures/unseen/images/doi-che.png'].map(async (path) => sharp(await readFile(path)).raw().toBuffer()));
    expect(shown).toEqual(source);
    expect(html).toMatch(/<a href="#fn-gia" id="fnref-gia"/);
    expect(html).toMatch(/<a href="#fnref-gia"[^>]*data-footnote-backref/);
  });
});
