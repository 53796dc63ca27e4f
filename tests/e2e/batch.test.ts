import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildReport } from '../../scripts/build.ts';
import { fixtureDir } from '../helpers/build-fixture.ts';
import { pdfText, squeeze, zipText } from '../helpers/tools.ts';

const COUNT = 12;
const TITLE = 'Báo cáo mùa vụ đồi chè Yên Thế';
let outDir: string;
let report: BuildReport;

beforeAll(async () => {
  // More articles than pages rendered at once, so that covers are drawn while other tabs print.
  const dir = await mkdtemp(join(tmpdir(), 'folio-batch-'));
  await cp(join(fixtureDir('unseen'), 'images'), join(dir, 'images'), { recursive: true });
  const source = await readFile(join(fixtureDir('unseen'), 'bao-cao-mua-vu.md'), 'utf8');
  for (let index = 1; index <= COUNT; index++) {
    const text = source.replace(/^title: (.*)$/m, `title: $1 số ${index}`);
    // The first article also repeats its title as a heading, as Markdown writers often do.
    await writeFile(join(dir, `bai-${index}.md`), index === 1 ? text.replace(/^(---\n[\s\S]*?\n---\n)/, `$1\n# ${TITLE} số 1\n`) : text);
  }
  outDir = await mkdtemp(join(tmpdir(), 'folio-batch-out-'));
  report = await build({ manuscriptDir: dir, outDir, env: process.env });
});

describe('a batch of articles in one browser', () => {
  it('builds every article', () => {
    expect(report.ok).toBe(true);
    expect(report.publications.map((publication) => publication.slug).sort()).toEqual(Array.from({ length: COUNT }, (_, index) => `bai-${index + 1}`).sort());
  });

  it('draws each article its own cover', async () => {
    const covers = new Set<string>();
    for (let index = 1; index <= COUNT; index++) {
      const epub = join(outDir, `bai-${index}.epub`);
      expect(zipText(epub, 'OEBPS/cover.xhtml')).toContain(`số ${index}`);
      covers.add((await readFile(epub)).toString('base64'));
    }
    expect(covers.size).toBe(COUNT);
  });

  it('shows the title once where the manuscript repeats it as its first heading', async () => {
    const title = `${TITLE} số 1`;
    const nav = zipText(join(outDir, 'bai-1.epub'), 'OEBPS/toc.xhtml');
    const entries = [...nav.matchAll(/<li><a href="article\.xhtml[^"]*">([^<]*)<\/a>/g)].map((match) => match[1]);
    expect(entries.slice(0, 2)).toEqual([title, 'Sản lượng theo thôn']);
    expect(squeeze(pdfText(join(outDir, 'bai-1.pdf'))).split(squeeze(title))).toHaveLength(2);
    expect((await readFile(join(outDir, 'bai-1.html'), 'utf8')).match(/<h1\b/g)).toHaveLength(1);
    const file = report.files.find((item) => item.path.endsWith('bai-1.md'));
    const titleMessages = file?.messages.filter((message) => message.ruleId !== 'image-resolution');
    expect(titleMessages?.map((message) => [message.ruleId, message.line, message.column])).toEqual([['repeated-title', 13, 1]]);
  });
});
