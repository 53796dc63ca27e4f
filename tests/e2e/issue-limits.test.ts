import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../scripts/build.ts';
import { runCli } from '../helpers/run-cli.ts';
import { copyFixture, listFiles, tempDir } from '../helpers/temp-fixture.ts';

/** Builds `manuscriptDir` into a new folder through the command line, as a user would. */
async function buildInto(manuscriptDir: string) {
  const outDir = join(await tempDir('issue-limits'), 'out');
  return { outDir, result: await runCli(['--manuscript', manuscriptDir, '--out', outDir]) };
}

describe('the limits of a bulletin', () => {
  it('refuses an issue of more than 64 press pages at its issue file, writing nothing', async () => {
    const dir = await copyFixture('issue');
    const paragraph = `${'Bà con thôn Đồng Kỳ chăm sóc đồi chè theo quy trình an toàn, ghi chép nhật ký sản xuất đầy đủ. '.repeat(10)}\n\n`;
    for (const name of ['doi-song.md', 'lich-mua-vu.md']) {
      await writeFile(join(dir, name), `${await readFile(join(dir, name), 'utf8')}\n${paragraph.repeat(90)}`);
    }
    const { outDir, result } = await buildInto(dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/issues\/so-1\.yaml:6:3: error: the press copy of this issue has \d+ pages, more than the 64 a saddle-stitched bulletin can hold/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(outDir) ? await listFiles(outDir) : []).toEqual([]);
  });

  it('refuses a trim larger than 19 × 27 cm at its line in publication.yaml, writing nothing', async () => {
    const dir = await copyFixture('issue');
    await writeFile(join(dir, 'publication.yaml'), `${await readFile(join(dir, 'publication.yaml'), 'utf8')}press:\n  trim: 200x280mm\n`);
    const { outDir, result } = await buildInto(dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/publication\.yaml:14:9: error: publication setting `press\.trim`: a trim of 200 × 280 mm is larger than the 190 × 270 mm a press copy may have/);
    expect(existsSync(outDir)).toBe(false);
  });

  it('builds an article with only a title and a date beside publication.yaml, with no warning', async () => {
    const { outDir, result } = await buildInto(await copyFixture('bulletin-minimal'));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const html = await readFile(join(outDir, 'tin-ngan.html'), 'utf8');
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('Chi bộ thôn Đồng Kỳ');
    // No description: no standfirst; no author: no credit line.
    expect(html).not.toContain('class="lede"');
    expect(html).not.toContain('class="credit"');
  });
});

describe('incremental builds of an issue', () => {
  it('reuses an unchanged issue and builds it again when one of its articles changes', async () => {
    const manuscriptDir = await copyFixture('issue');
    const outDir = join(await tempDir('issue-incremental'), 'out');
    const issueReport = async () => {
      const report = await build({ manuscriptDir, outDir });
      expect(report.ok).toBe(true);
      return report.publications.find((publication) => publication.slug === 'issues/so-1');
    };
    expect((await issueReport())?.cached).toBe(false);
    expect((await issueReport())?.cached).toBe(true);
    const article = join(manuscriptDir, 'lich-mua-vu.md');
    await writeFile(article, `${await readFile(article, 'utf8')}\nMột đoạn mới về lịch tiêm phòng cho đàn gà.\n`);
    expect((await issueReport())?.cached).toBe(false);
    const epub = await readFile(join(outDir, 'issues', 'so-1.epub'));
    expect(epub.length).toBeGreaterThan(0);
    const issueFile = join(manuscriptDir, 'issues', 'so-1.yaml');
    await writeFile(issueFile, (await readFile(issueFile, 'utf8')).replace('title: Mùa chè xuân', 'title: Chè xuân'));
    expect((await issueReport())?.cached).toBe(false);
  });
});
