import { join } from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { labelsFor } from '../../scripts/labels.ts';
import { loadArticle, type Article } from '../../scripts/manuscript/load-article.ts';
import { createProcessor, toHast } from '../../scripts/markdown/processor.ts';
import { formatMessages } from '../../scripts/report.ts';
import { fixtureDir } from '../helpers/build-fixture.ts';

const ROOT = fixtureDir('one-title');

/** A manuscript of tests/fixtures/one-title, read as a build reads it. */
async function load(name: string): Promise<Article> {
  const loaded = await loadArticle(join(ROOT, name), name, ROOT);
  if (loaded instanceof VFile) throw new Error(`${name} did not load: ${String(loaded.messages[0])}`);
  return loaded;
}

/** The heading elements of an HTML body, as `h2 Text`. */
const headingTags = (html: string) => [...html.matchAll(/<(h[1-6])\b[^>]*>(.*?)<\/\1>/g)].map((match) => `${match[1]} ${(match[2] ?? '').replace(/<[^>]+>/g, '')}`);

/** Every body of an article: the web page's, the paper editions' and the EPUB's. */
const bodies = (article: Article) => [article.body, article.printBody, article.epubBody];

describe('a manuscript whose first heading repeats the title', () => {
  it('leaves that heading out of every body, so that the title is the one h1', async () => {
    const article = await load('repeats-title.md');
    for (const body of bodies(article)) {
      expect(body).not.toMatch(/<h1\b/);
      expect(body).not.toContain('BÁO CÁO');
      expect(headingTags(body)).toEqual(['h2 Sản lượng theo thôn', 'h3 Ghi chú về giá']);
    }
    expect(article.body).toMatch(/^<p>Vụ chè xuân năm nay/);
  });

  it('lists only the sections as headings, at their own levels', async () => {
    const article = await load('repeats-title.md');
    expect(article.headings).toEqual([
      { level: 2, text: 'Sản lượng theo thôn', id: 'sản-lượng-theo-thôn' },
      { level: 3, text: 'Ghi chú về giá', id: 'ghi-chú-về-giá' },
    ]);
    expect([...article.ids]).not.toContain('báo-cáo-mùa-vụ-đồi-chè-yên-thế');
  });

  it('says so in a warning at the heading’s line and column', async () => {
    const article = await load('repeats-title.md');
    const notes = article.file.messages.filter((message) => message.ruleId === 'repeated-title');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ line: 10, column: 1, fatal: false });
    expect(formatMessages([article.file])).toContain(
      'repeats-title.md:10:1: warning: the first heading repeats the title, which every edition already prints from the front matter: it is left out; remove it from the manuscript (repeated-title)',
    );
  });

  it('leaves out an underlined title too, and moves the parts after it under the title', async () => {
    const article = await load('title-and-parts.md');
    for (const body of bodies(article)) {
      expect(headingTags(body)).toEqual(['h2 Phần một: chọn giống', 'h3 Giống chè Shan', 'h2 Phần hai: chăm sóc']);
    }
    expect(article.headings.map((heading) => heading.level)).toEqual([2, 3, 2]);
    expect(article.file.messages.map((message) => [message.ruleId, message.line, message.column])).toEqual([['repeated-title', 10, 1]]);
  });

  it('keeps a repeated title that holds a note mark, as a section, and says why', async () => {
    const article = await load('title-with-note.md');
    expect(headingTags(article.body)).toEqual(['h2 Báo cáo mùa vụ đồi chè Yên Thế1', 'h2 Chú thích']);
    expect(article.body).toContain('Số liệu của hợp tác xã.');
    expect(article.file.messages).toHaveLength(1);
    expect(article.file.messages[0]).toMatchObject({ ruleId: 'repeated-title', line: 10, column: 1, fatal: false });
    expect(article.file.messages[0]?.reason).toMatch(/it is kept, as a section; move those into the text and remove the heading$/);
  });

  it('compares the texts as NFC, whatever the case, spacing and last full stop', async () => {
    const processor = createProcessor(labelsFor('vi'), { title: 'Hội thi  gói bánh chưng'.normalize('NFD') });
    const file = new VFile({ path: 'bai.md', value: '# HỘI THI GÓI _BÁNH_ CHƯNG.\n\nMười hai đội.\n' });
    const html = processor.stringify(await toHast(processor, file));
    expect(html).toBe('<p>Mười hai đội.</p>');
    expect(file.messages.map((message) => message.ruleId)).toEqual(['repeated-title']);
  });
});

describe('a manuscript with headings of level 1 that are not the title', () => {
  it('keeps a heading that repeats the title inside a quote, as quoted text', async () => {
    const processor = createProcessor(labelsFor('vi'), { title: 'Hội thi gói bánh chưng' });
    const file = new VFile({ path: 'bai.md', value: '> # Hội thi gói bánh chưng\n\nMười hai đội.\n' });
    expect(headingTags(processor.stringify(await toHast(processor, file)))).toEqual(['h2 Hội thi gói bánh chưng']);
    expect(file.messages).toEqual([]);
  });

  it('moves every heading one level down, the sixth level staying at six', async () => {
    const article = await load('sections.md');
    const expected = ['h2 Phần một: chọn giống', 'h3 Giống chè Shan', 'h4 Cây con', 'h5 Đất ươm', 'h6 Độ ẩm', 'h6 Tưới buổi sáng', 'h2 Phần hai: chăm sóc', 'h3 Bón phân'];
    for (const body of bodies(article)) expect(headingTags(body)).toEqual(expected);
    expect(article.headings.map((heading) => `h${heading.level} ${heading.text}`)).toEqual(expected);
    expect(article.headings[0]?.id).toBe('phần-một-chọn-giống');
    expect(article.file.messages).toEqual([]);
  });

  it('keeps a first heading that differs from the title, and a later one that repeats it, as sections', async () => {
    const article = await load('first-heading-differs.md');
    for (const body of bodies(article)) {
      expect(headingTags(body)).toEqual(['h2 Lời mở đầu', 'h2 Hội thi gói bánh chưng', 'h3 Kết quả']);
    }
    expect(article.file.messages).toEqual([]);
  });
});

describe('a manuscript without headings of level 1', () => {
  it('keeps its headings as they are', async () => {
    const article = await load('no-title-heading.md');
    for (const body of bodies(article)) expect(headingTags(body)).toEqual(['h2 Kết quả hội thi', 'h3 Giải nhất']);
    expect(article.headings).toEqual([
      { level: 2, text: 'Kết quả hội thi', id: 'kết-quả-hội-thi' },
      { level: 3, text: 'Giải nhất', id: 'giải-nhất' },
    ]);
    expect(article.file.messages).toEqual([]);
  });
});
