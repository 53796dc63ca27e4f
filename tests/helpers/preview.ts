import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { closeBrowser, launchBrowser } from '../../scripts/browser.ts';
import { servePreview, type Preview } from '../../scripts/preview/serve-preview.ts';
import { fixtureDir } from './build-fixture.ts';

/** A live preview of a copy of a fixture, with a browser page open on one of its publications. */
export interface OpenPreview {
  preview: Preview;
  browser: Browser;
  page: Page;
  manuscript: string;
  close(): Promise<void>;
}

/** Starts the preview on a copy of `fixture` and opens `path` of it in a new Chromium; `close` removes the copy. */
export async function openPreview(fixture: string, manuscriptName: string, path: string): Promise<OpenPreview> {
  const work = await mkdtemp(join(tmpdir(), 'folio-preview-test-'));
  const manuscriptDir = join(work, 'manuscript');
  await cp(fixtureDir(fixture), manuscriptDir, { recursive: true });
  const preview = await servePreview({ manuscriptDir, outDir: join(work, 'out'), port: 0 });
  const session = await launchBrowser();
  const browser = session.browser;
  const page = await browser.newPage();
  await page.goto(preview.url + path, { waitUntil: 'load' });
  return {
    preview,
    browser,
    page,
    manuscript: join(manuscriptDir, manuscriptName),
    async close() {
      await closeBrowser(session);
      await preview.close();
      await rm(work, { recursive: true, force: true });
    },
  };
}

/**
 * Saves `edit` of the manuscript and returns the seconds until the open page shows `expected`. The
 * page reloads on an event from the preview; `timeoutMs` only ends a wait that would never end.
 */
export async function timeEdit(open: OpenPreview, edit: (text: string) => string, expected: string, timeoutMs = 150_000): Promise<number> {
  const text = await readFile(open.manuscript, 'utf8');
  const started = performance.now();
  await writeFile(open.manuscript, edit(text));
  await open.page.waitForFunction((needle: string) => document.body?.innerText.includes(needle), { timeout: timeoutMs, polling: 20 }, expected);
  return (performance.now() - started) / 1000;
}
