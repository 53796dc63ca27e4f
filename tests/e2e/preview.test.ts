import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/build-fixture.ts';
import { openPreview, timeEdit, type OpenPreview } from '../helpers/preview.ts';
import { waitForNoProcesses } from '../helpers/processes.ts';
import { copyFixture, strayTempEntries, tempDir } from '../helpers/temp-fixture.ts';

let open: OpenPreview;

beforeAll(async () => {
  open = await openPreview('unseen', 'bao-cao-mua-vu.md', 'bao-cao-mua-vu.html');
});

afterAll(async () => {
  await open?.close();
});

describe('the live preview', () => {
  it('serves the web edition on localhost', async () => {
    expect(open.preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await open.page.evaluate(() => document.querySelector('h1')?.textContent)).toBe('Báo cáo mùa vụ đồi chè Yên Thế');
  });

  it('shows a saved edit in the open page without a manual reload', async () => {
    await timeEdit(open, (text) => `${text}\nĐoạn viết thêm khi xem trước.\n`, 'Đoạn viết thêm khi xem trước.');
    expect(await open.page.evaluate(() => document.querySelector('article')?.textContent)).toContain('Đoạn viết thêm khi xem trước.');
  });

  it('shows a build error with file:line:column in the page, and the last good page under it', async () => {
    await timeEdit(open, (text) => text.replace('date: 2024-05-14', 'date: 14/05/2024'), 'expected the publication date as YYYY-MM-DD');
    const overlay = await open.page.evaluate(() => document.querySelector('#folio-errors')?.textContent ?? '');
    expect(overlay).toMatch(/bao-cao-mua-vu\.md:4:7/);
    expect(await open.page.evaluate(() => document.querySelector('h1')?.textContent)).toBe('Báo cáo mùa vụ đồi chè Yên Thế');
  });

  it('links to a paged view of the print edition', async () => {
    const page = await open.browser.newPage();
    const response = await page.goto(`${open.preview.url}__folio/paged/bao-cao-mua-vu`);
    expect(response?.status()).toBe(200);
    expect(await page.evaluate(() => document.querySelector('iframe')?.getAttribute('src'))).toMatch(/^\/bao-cao-mua-vu(\.print)?\.pdf/);
  });
});

describe('npm run dev', () => {
  it('stops on Ctrl-C leaving no Chromium and nothing in the temporary folder', async () => {
    const scratch = await tempDir('dev-scratch');
    const manuscript = await copyFixture('unseen');
    const marker = `FOLIO_DEV_TEST=${randomUUID()}`;
    const [markerName = '', markerValue = ''] = marker.split('=');
    const dev = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'dev.ts'), '--manuscript', manuscript, '--port', '0'], {
      cwd: ROOT,
      env: { ...process.env, TMPDIR: scratch, [markerName]: markerValue },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => dev.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      dev.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('Preview on') && resolve());
      void exited.then((code) => reject(new Error(`npm run dev exited ${code} before serving`)));
    });
    dev.kill('SIGINT');
    await exited;
    expect(await waitForNoProcesses(marker)).toEqual([]);
    expect(await strayTempEntries(scratch)).toEqual([]);
  });
});
