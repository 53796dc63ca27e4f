import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../scripts/build.ts';
import { copyFixture, tempDir } from '../helpers/temp-fixture.ts';
import { pdfPages, pdfText } from '../helpers/tools.ts';

const PRODUCTS = ['.html', '.pdf', '.print.pdf', '.booklet.pdf', '.epub'];
const TITLES = [
  'Vụ chè xuân thắng lợi trên đồi Yên Thế',
  'Giá cả thị trường nông sản tháng năm',
  'Hợp tác xã chè Đồng Kỳ mở rộng liên kết',
  'Kỹ thuật đốn tỉa chè sau thu hoạch',
  'Đời sống mới ở thôn Tân Sỏi',
  'Lịch thời vụ tháng sáu',
];

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

async function buildOk(manuscriptDir: string, outDir: string) {
  const report = await build({ manuscriptDir, outDir });
  expect(report.ok).toBe(true);
  return report;
}

/** Each issue product's bytes, by its extension. */
async function issueProducts(outDir: string): Promise<Map<string, Buffer>> {
  return new Map(await Promise.all(PRODUCTS.map(async (name) => [name, await readFile(join(outDir, 'issues', `so-1${name}`))] as const)));
}

/** The pages the contents of `file` give for each article, and the pages whose text opens with each headline. */
function contentsAndStarts(file: string): { listed: number[]; starts: number[] } {
  const count = pdfPages(file);
  const texts = Array.from({ length: count }, (_, index) => flat(pdfText(file, index + 1)));
  // An article's first page carries its headline and no other; the front lists them all.
  const starts = TITLES.map((title) => texts.findIndex((text, index) => index > 0 && text.includes(title) && TITLES.filter((other) => text.includes(other)).length === 1) + 1);
  const front = texts.slice(0, (starts[0] as number) - 1).join(' ');
  const listed = TITLES.map((title) => Number(new RegExp(`${title} (\\d+)`).exec(front)?.[1]));
  return { listed, starts };
}

describe('an issue laid out from what earlier builds remember', () => {
  it('is byte-identical whether its articles are read from their manuscripts or taken from their records', async () => {
    const manuscriptDir = await copyFixture('issue');
    const outDir = join(await tempDir('issue-memory'), 'out');
    await buildOk(manuscriptDir, outDir);
    const fromManuscripts = await issueProducts(outDir);
    // Only the issue is stale now: its articles come from their records, its pages from their page counts.
    await rm(join(outDir, '.folio', 'issues', 'so-1.json'));
    const report = await buildOk(manuscriptDir, outDir);
    expect(report.publications.filter((publication) => !publication.cached).map((publication) => publication.slug)).toEqual(['issues/so-1']);
    expect(await issueProducts(outDir)).toEqual(fromManuscripts);
  });

  it('reads an article from its manuscript again when its record is damaged or points out of the output folder', async () => {
    const manuscriptDir = await copyFixture('issue');
    const outDir = join(await tempDir('issue-memory'), 'out');
    await buildOk(manuscriptDir, outDir);
    const fromManuscripts = await issueProducts(outDir);
    const damage = async (name: string, change: (article: Record<string, unknown>) => void) => {
      const path = join(outDir, '.folio', `${name}.json`);
      const record = JSON.parse(await readFile(path, 'utf8')) as { article: Record<string, unknown> };
      change(record.article);
      await writeFile(path, JSON.stringify(record));
    };
    await damage('vu-che-xuan', (article) => {
      (article['images'] as { url: string }[])[0]!.url = 'media/../../lua.png';
    });
    await damage('gia-ca-thi-truong', (article) => {
      article['headings'] = 'Giá nông sản';
    });
    await damage('doi-song', (article) => {
      delete article['epubBody'];
    });
    await rm(join(outDir, '.folio', 'issues', 'so-1.json'));
    await buildOk(manuscriptDir, outDir);
    expect(await issueProducts(outDir)).toEqual(fromManuscripts);
  });

  it('prints the right page numbers in the contents when an article grows longer than the last build remembers', async () => {
    const manuscriptDir = await copyFixture('issue');
    const outDir = join(await tempDir('issue-memory'), 'out');
    await buildOk(manuscriptDir, outDir);
    const before = contentsAndStarts(join(outDir, 'issues', 'so-1.pdf'));
    const article = join(manuscriptDir, 'hop-tac-xa.md');
    const paragraph = 'Các thành viên mới cam kết sản xuất chè theo quy trình an toàn, ghi chép nhật ký đầy đủ và bán sản phẩm qua hợp tác xã. ';
    await writeFile(article, `${await readFile(article, 'utf8')}\n${`${paragraph.repeat(6)}\n\n`.repeat(24)}`);
    await buildOk(manuscriptDir, outDir);
    for (const name of ['so-1.pdf', 'so-1.print.pdf']) {
      const { listed, starts } = contentsAndStarts(join(outDir, 'issues', name));
      expect(listed).toEqual(starts);
      expect(starts.every((page) => page > 1)).toBe(true);
    }
    const after = contentsAndStarts(join(outDir, 'issues', 'so-1.pdf'));
    // The longer article pushed the ones after it back.
    expect((after.starts[3] as number) - (before.starts[3] as number)).toBeGreaterThanOrEqual(2);
    expect(pdfPages(join(outDir, 'issues', 'so-1.print.pdf')) % 4).toBe(0);
  });
});
