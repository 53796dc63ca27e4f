import { copyFile, cp, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureDir } from '../helpers/build-fixture.ts';
import { runCli, type CliResult } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-fixture.ts';

let outDir: string;
let built: CliResult;
let refused: CliResult;

beforeAll(async () => {
  const dir = await tempDir('file-names');
  await cp(join(fixtureDir('file-names'), 'images'), join(dir, 'images'), { recursive: true });
  for (const name of ['giam-50%-hoc-phi.md', 'issue-#12.md', 'Bài Viết Mới.md']) await copyFile(join(fixtureDir('file-names'), 'article.md'), join(dir, name));
  outDir = join(await tempDir('file-names-out'), 'out');
  built = await runCli(['--manuscript', dir, '--out', outDir]);
  const other = await tempDir('file-names-refused');
  await copyFile(join(fixtureDir('file-names'), 'article.md'), join(other, '文章.md'));
  refused = await runCli(['--manuscript', other, '--out', join(other, 'out')]);
});

describe('manuscripts whose file names hold %, # or spaces', () => {
  it('build, each under a slug made from its file name', async () => {
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    const products = (await readdir(outDir)).filter((name) => name.endsWith('.pdf') || name.endsWith('.epub') || name.endsWith('.html')).sort();
    expect(products).toEqual(
      ['bai-viet-moi', 'giam-50-hoc-phi', 'issue-12'].flatMap((slug) => [`${slug}.booklet.pdf`, `${slug}.epub`, `${slug}.html`, `${slug}.pdf`, `${slug}.print.pdf`]).concat('index.html').sort(),
    );
  });

  it('carry an image whose name holds %', async () => {
    expect((await readdir(join(outDir, 'media', 'giam-50-hoc-phi', 'images'))).sort()).toEqual(['50%.480.webp', '50%.720.png', '50%.720.webp']);
  });
});

describe('a file name with no letter of a-z or digit', () => {
  it('is refused at file:1:1, saying to add a slug', () => {
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/文章\.md:1:1: error: the file name 文章\.md has no letter or digit of a-z and 0-9 to make the products' names from: add a `slug: …` line to the front matter/);
    expect(refused.stderr).not.toMatch(/^\s+at /m);
  });
});
