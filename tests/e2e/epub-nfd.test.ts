import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, fixtureDir } from '../helpers/build-fixture.ts';
import { xhtmlText, xmlValues, zipEntries, zipText } from '../helpers/tools.ts';

const SLUG = 'hoi-thi-banh-chung';
let epub: string;

beforeAll(async () => {
  const { outDir, report } = await buildFixture('nfd');
  expect(report.ok).toBe(true);
  epub = join(outDir, `${SLUG}.epub`);
});

describe('a manuscript saved in decomposed Unicode (NFD), as an EPUB', () => {
  it('is a decomposed fixture, so that the test means something', async () => {
    const source = await readFile(join(fixtureDir('nfd'), `${SLUG}.md`), 'utf8');
    expect(source.normalize('NFC')).not.toBe(source);
    expect(source).not.toContain('Hội thi');
  });

  it('writes every text document of the EPUB in composed Unicode (NFC)', () => {
    const documents = zipEntries(epub).filter((entry) => /\.(xhtml|opf|ncx)$/.test(entry));
    expect(documents).toEqual(expect.arrayContaining(['OEBPS/article.xhtml', 'OEBPS/content.opf', 'OEBPS/toc.xhtml', 'OEBPS/cover.xhtml']));
    for (const entry of documents) {
      const text = zipText(epub, entry);
      expect(text.normalize('NFC') === text, entry).toBe(true);
    }
  });

  it('carries the composed title, headings and text a search or a screen reader matches', () => {
    expect(xmlValues(zipText(epub, 'OEBPS/content.opf'), 'dc:title')).toEqual(['Hội thi gói bánh chưng ở làng Tiền Phong']);
    const text = xhtmlText(zipText(epub, 'OEBPS/article.xhtml'));
    expect(text).toContain('Kết quả hội thi');
    expect(text).toContain('Đội xóm Đông đoạt giải nhất với những chiếc bánh vuông vức, xanh mướt lá dong.');
    expect(zipText(epub, 'OEBPS/toc.xhtml')).toContain('>Kết quả hội thi</a>');
  });
});
