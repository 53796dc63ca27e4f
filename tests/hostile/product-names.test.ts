import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureDir } from '../helpers/build-fixture.ts';
import { runCli } from '../helpers/run-cli.ts';
import { copyFixture, folderSnapshot, tempDir } from '../helpers/temp-fixture.ts';

const GOOD = 'bao-cao-mua-vu';
let seedDir: string;
let builtDir: string;

beforeAll(async () => {
  seedDir = await copyFixture('unseen');
  builtDir = join(await tempDir('product-names'), 'out');
  const first = await runCli(['--manuscript', seedDir, '--out', builtDir]);
  expect(first.code).toBe(0);
});

describe('two manuscripts whose products would share a name', () => {
  const cases: [string, string, (text: string) => string, RegExp][] = [
    ['the same slug', 'mao-danh.md', (text) => text.replace(/^title: .*$/m, `title: Kẻ mạo danh\nslug: ${GOOD}`), new RegExp(`mao-danh\\.md:3:1: error: ${GOOD}\\.html would be written by both`)],
    ['slug: index', 'trang-chu.md', (text) => text.replace(/^title: .*$/m, 'title: Trang chủ\nslug: index'), /trang-chu\.md:3:1: error: its products would be named index\.html, which is the build's own index\.html/],
    ['a file index.md', 'index.md', (text) => text, /index\.md:1:1: error: its products would be named index\.html/],
    ['two file names that give one slug', `${GOOD}%.md`, (text) => text.replace(/^title: .*$/m, 'title: Bản sao'), new RegExp(`${GOOD}%\\.md:1:1: error: ${GOOD}\\.html would be written by both`)],
  ];
  for (const [what, name, edit, message] of cases) {
    it(`refuses ${what} where the name is set and leaves the output as it was`, async () => {
      const dir = await tempDir('product-names-case');
      await cp(seedDir, dir, { recursive: true });
      const outDir = join(await tempDir('product-names-out'), 'out');
      await cp(builtDir, outDir, { recursive: true });
      const before = await folderSnapshot(outDir);
      await writeFile(join(dir, name), edit(await readFile(join(fixtureDir('unseen'), `${GOOD}.md`), 'utf8')));
      const result = await runCli(['--manuscript', dir, '--out', outDir]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
      if (name === 'mao-danh.md' || name.endsWith('%.md')) expect(result.stderr).toMatch(new RegExp(`${GOOD}\\.md:1:1: error: .* would be written by both`));
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(await folderSnapshot(outDir)).toEqual(before);
    });
  }
});

describe('a manuscript named like another one\'s products', () => {
  it('gets products of its own: a.print.md beside a.md leaves the press copy of a.md as it was', async () => {
    const dir = await tempDir('product-names-print');
    await cp(seedDir, dir, { recursive: true });
    const outDir = join(await tempDir('product-names-print-out'), 'out');
    await cp(builtDir, outDir, { recursive: true });
    const press = await readFile(join(outDir, `${GOOD}.print.pdf`));
    await writeFile(join(dir, `${GOOD}.print.md`), (await readFile(join(fixtureDir('unseen'), `${GOOD}.md`), 'utf8')).replace(/^title: .*$/m, 'title: Bản in'));
    const result = await runCli(['--manuscript', dir, '--out', outDir]);
    expect(result.code).toBe(0);
    expect(await readFile(join(outDir, `${GOOD}.print.pdf`))).toEqual(press);
    expect(await readFile(join(outDir, `${GOOD}-print.html`), 'utf8')).toContain('Bản in');
  });
});
