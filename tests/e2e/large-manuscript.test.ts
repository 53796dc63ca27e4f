import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APART_BYTES } from '../../scripts/manuscript/load-article-apart.ts';
import { waitForNoProcesses, waitForProcessWith } from '../helpers/processes.ts';
import { runCli, startCli } from '../helpers/run-cli.ts';
import { listFiles, strayTempEntries, tempDir } from '../helpers/temp-fixture.ts';
import { pdfText } from '../helpers/tools.ts';

const FRONT = '---\ntitle: Sổ tay mùa vụ\ndate: 2024-06-01\nauthor: Tổ khuyến nông\npublisher: Hợp tác xã Đồng Kỳ\nlang: vi\nmood: vui\n---\n\n';

/** A manuscript of `bytes` or more: sections of ordinary Vietnamese prose, then `ending`. */
function longManuscript(bytes: number, ending: string): string {
  const section = (index: number) => `## Phần ${index}\n\n${'Bà con thôn Đồng Kỳ chăm sóc đồi chè theo quy trình an toàn, ghi chép nhật ký sản xuất đầy đủ. '.repeat(8)}\n\n`;
  let text = FRONT;
  for (let index = 1; Buffer.byteLength(text) < bytes; index++) text += section(index);
  return `${text}${ending}`;
}

/** The line of `text` that holds `needle`, from 1. */
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('a manuscript large enough to be read in a process of its own', () => {
  it('reports its messages at their places, and builds with every word once they are fixed', async () => {
    const dir = await tempDir('large');
    const manuscriptDir = join(dir, 'manuscript');
    await mkdir(manuscriptDir);
    const text = longManuscript(APART_BYTES * 1.5, 'Ảnh đồi chè: ![Đồi chè](images/khong-co.jpg)\n\nHết sổ tay.\n');
    await writeFile(join(manuscriptDir, 'so-tay.md'), text);
    const outDir = join(dir, 'out');
    const failed = await runCli(['--manuscript', manuscriptDir, '--out', outDir]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('so-tay.md:7:1: warning: unknown front matter key `mood`');
    expect(failed.stderr).toMatch(new RegExp(`so-tay\\.md:${lineOf(text, '![Đồi chè]')}:\\d+: error: image not found: images/khong-co\\.jpg`));
    expect(failed.stderr).not.toMatch(/\n\s+at /);
    expect(await listFiles(dir)).toEqual(['manuscript/so-tay.md']);

    await writeFile(join(manuscriptDir, 'so-tay.md'), text.replace('![Đồi chè](images/khong-co.jpg)', 'không có ảnh'));
    const built = await runCli(['--manuscript', manuscriptDir, '--out', outDir]);
    expect(built.code).toBe(0);
    expect(built.stderr).toContain('so-tay.md:7:1: warning: unknown front matter key `mood`');
    const html = await readFile(join(outDir, 'so-tay.html'), 'utf8');
    expect(html).toContain('Ảnh đồi chè: không có ảnh');
    expect(html).toContain('<h2 id="phần-1">Phần 1</h2>');
    expect(pdfText(join(outDir, 'so-tay.pdf'))).toContain('Hết sổ tay.');
  });

  it('ends at Ctrl-C while it is being parsed, leaving nothing behind', async () => {
    const dir = await tempDir('large-interrupt');
    const manuscriptDir = join(dir, 'manuscript');
    await mkdir(manuscriptDir);
    await writeFile(join(manuscriptDir, 'so-tay.md'), longManuscript(900_000, 'Hết sổ tay.\n'));
    const processTemp = join(await tempDir('large-interrupt-tmp'), 'tmp');
    await mkdir(processTemp);
    const marker = randomUUID();
    const { child, done } = startCli(['--manuscript', manuscriptDir, '--out', join(dir, 'out')], { TMPDIR: processTemp, FOLIO_TEST_RUN: marker });
    // The event: the process that parses the manuscript has started.
    await waitForProcessWith(`FOLIO_TEST_RUN=${marker}`, '--parse-manuscript');
    child.kill('SIGINT');
    const result = await done;
    expect(result.signal).toBe('SIGINT');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await waitForNoProcesses(`FOLIO_TEST_RUN=${marker}`), 'neither the parsing process nor Chromium outlives the build').toEqual([]);
    expect(await listFiles(dir)).toEqual(['manuscript/so-tay.md']);
    expect(await strayTempEntries(processTemp)).toEqual([]);
  });
});
