import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildReport } from '../../scripts/build.ts';
import { fixtureDir } from '../helpers/build-fixture.ts';
import { zipText } from '../helpers/tools.ts';

const COUNT = 12;
let outDir: string;
let report: BuildReport;

beforeAll(async () => {
  // More articles than pages rendered at once, so that covers are drawn while other tabs print.
  const dir = await mkdtemp(join(tmpdir(), 'folio-batch-'));
  await cp(join(fixtureDir('unseen'), 'images'), join(dir, 'images'), { recursive: true });
  const source = await readFile(join(fixtureDir('unseen'), 'bao-cao-mua-vu.md'), 'utf8');
  for (let index = 1; index <= COUNT; index++) {
    await writeFile(join(dir, `bai-${index}.md`), source.replace(/^title: (.*)$/m, `title: $1 số ${index}`));
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
});
