import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import type { Page, Viewport } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchBrowser, type BrowserSession } from '../../scripts/browser.ts';
import { labelsFor } from '../../scripts/labels.ts';
import { axeViolations } from '../helpers/axe-violations.ts';
import { buildFixture } from '../helpers/build-fixture.ts';
import { faceFor, layoutShifts, readCriticalPath, recordLayoutShifts, type CriticalPath } from '../helpers/critical-path.ts';
import { serveFolder, type ServedFolder } from '../helpers/serve-folder.ts';
import { listFiles } from '../helpers/temp-fixture.ts';
import { pdfPages, pdfText, run, squeeze } from '../helpers/tools.ts';

/** The fixture's issue and its middle article, which has one article before it and one after it. */
const ARTICLE = 'nuoc-sach.html';
const ISSUE = 'issues/so-3.html';
const NEIGHBOURS = ['Tiêm chủng đầy đủ cho trẻ dưới một tuổi', 'Chủ động phòng chống sốt xuất huyết mùa mưa'];
/** The address the middle article links to, under the words "bảng giá nước sạch nông thôn của tỉnh". */
const LINK = 'http://sotaichinh.example.vn/gia-nuoc-sach-2024';
const SEED_ARTICLE = 'tang-cuong-bao-ve-to-quoc-tren-khong-gian-mang.html';

const PHONE = { name: 'phone', width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 3 } as const;
const DESKTOP = { name: 'desktop', width: 1280, height: 800, deviceScaleFactor: 1 } as const;
const VIEWPORTS: readonly (Viewport & { name: string })[] = [PHONE, DESKTOP];
const SCHEMES = ['light', 'dark'] as const;

/** The target: a reader on 400 ms of latency and 400 kbit/s sees the text within 1.5 s, and the layout moves by 0.02 at most. */
const SLOW = { latencyMs: 400, bytesPerSecond: 50_000 };
const TEXT_WITHIN_S = 1.5;
const MAX_CLS = 0.02;

let fixtureDir: string;
let seedDir: string;
let fixtureSite: ServedFolder;
let seedSite: ServedFolder;
let session: BrowserSession;
/** One tab for every check made at full speed; the throttled loads and the print get their own. */
let page: Page;

beforeAll(async () => {
  const [fixture, seed, browser] = await Promise.all([
    buildFixture('web-edition'),
    buildFixture('manuscript'),
    // A busy machine makes axe slow on a phone-sized page; the default timeout is for a build's steps.
    launchBrowser({ ...process.env, FOLIO_BROWSER_TIMEOUT_MS: '180000' }),
  ]);
  session = browser;
  expect(fixture.report.ok && seed.report.ok).toBe(true);
  fixtureDir = fixture.outDir;
  seedDir = seed.outDir;
  [fixtureSite, seedSite] = await Promise.all([serveFolder(fixtureDir), serveFolder(seedDir)]);
  page = await session.browser.newPage();
  page.setDefaultTimeout(120_000);
});

afterAll(async () => {
  await Promise.all([fixtureSite?.close(), seedSite?.close(), session && closeBrowser(session)]);
});

/** The pages every reader meets: an article, an issue, the front page, and the seed's article. */
const PAGES = [
  { name: 'the article page', site: () => fixtureSite, path: ARTICLE },
  { name: 'the issue page', site: () => fixtureSite, path: ISSUE },
  { name: 'the front page', site: () => fixtureSite, path: 'index.html' },
  { name: 'the seed’s article page', site: () => seedSite, path: SEED_ARTICLE },
] as const;

describe('the web edition to axe, with every rule on (WCAG 2.2 A, AA and AAA, best practices, experimental)', () => {
  it.each(PAGES)('finds no violation on $name, on a phone and a desktop, light and dark', async ({ site, path }) => {
    // Each element that breaks a rule once, with where it does: `rule: target (impact) summary [phone light, …]`.
    const found = new Map<string, { where: string[] }>();
    for (const viewport of VIEWPORTS) {
      await page.setViewport(viewport);
      await page.goto(site().url + path, { waitUntil: 'load' });
      for (const scheme of SCHEMES) {
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
        for (const violation of await axeViolations(page)) {
          // The text size differs from phone to desktop; the colours and the ratio are what to fix.
          const summary = violation.summary.replace(/font size: [\d.]+pt \([\d.]+px\), /, '');
          const key = `${violation.rule}: ${violation.target} (${violation.impact}) ${summary}`;
          const entry = found.get(key) ?? { where: [] };
          entry.where.push(`${viewport.name} ${scheme}`);
          found.set(key, entry);
        }
      }
    }
    await page.emulateMediaFeatures([]);
    expect([...found].map(([key, { where }]) => `${key} [${where.join(', ')}]`)).toEqual([]);
  });
});

describe('the web edition to html-validate', () => {
  const validator = new HtmlValidate({
    extends: ['html-validate:recommended', 'html-validate:document'],
    rules: {
      // SRI guards what another host serves; every file of the web edition comes from the page's own
      // folder, as the page itself does, so an integrity hash would guard nothing. Off-site files still need one.
      'require-sri': ['error', { target: 'crossorigin' }],
    },
  });

  it.each([
    { name: 'the fixture', dir: () => fixtureDir },
    { name: 'the seed', dir: () => seedDir },
  ])('reports every HTML page of $name’s build clean', async ({ dir }) => {
    const pages = (await listFiles(dir())).filter((file) => file.endsWith('.html'));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const messages: string[] = [];
    for (const file of pages) {
      const report = await validator.validateFile(join(dir(), file));
      for (const result of report.results) messages.push(...result.messages.map((message) => `${file}:${message.line}:${message.column} ${message.ruleId}: ${message.message}`));
    }
    expect(messages).toEqual([]);
  });
});

describe('the web edition on a slow network (400 ms, 400 kbit/s): text within 1.5 s, no layout shift', () => {
  const paths: Map<string, CriticalPath> = new Map();

  beforeAll(async () => {
    // Read at full speed over loopback: what is asked for, and in what order, does not depend on the network.
    const reader = await session.browser.newPage();
    reader.setDefaultTimeout(120_000);
    await reader.setCacheEnabled(false);
    await reader.setViewport(PHONE);
    for (const { name, site, path } of PAGES) paths.set(name, await readCriticalPath(reader, site().url + path));
    await reader.close();
  });

  it.each(PAGES)('renders $name from its document alone: no blocking stylesheet or script, no @import', ({ name }) => {
    const path = paths.get(name) as CriticalPath;
    expect(path.renderBlocking).toEqual([]);
    expect(path.imports).toEqual([]);
  });

  it.each(PAGES)('sends $name in few enough bytes to arrive in time', ({ name }) => {
    // 1.5 s less the 400 ms each request takes to come back (the latency the target names), less one more
    // round trip of 400 ms for opening the connection (a first visit pays the TCP handshake; network
    // emulation adds latency per request only). What remains, at 50 000 B/s, is the document's byte budget.
    // It is counted as the host sends it here, uncompressed: a host that compresses (gzip shrinks this
    // HTML about threefold) has room left for the TLS handshake of an https address.
    const budget = (TEXT_WITHIN_S - (2 * SLOW.latencyMs) / 1000) * SLOW.bytesPerSecond;
    const { documentTransferSize } = paths.get(name) as CriticalPath;
    expect(documentTransferSize).toBeGreaterThan(500);
    expect(documentTransferSize).toBeLessThanOrEqual(budget);
  });

  it.each(PAGES)('never hides the text of $name behind a web font: every face swaps, the two main faces are preloaded', ({ name }) => {
    const path = paths.get(name) as CriticalPath;
    expect(path.usedFaces.length).toBeGreaterThan(0);
    const problems = new Set(path.usedFaces.filter((face) => face.display !== 'swap').map((face) => `${face.family} ${face.weight} ${face.style} has font-display: ${face.display}`));
    // The text face and the heading face, in the subsets Vietnamese needs: Latin letters ("a") and the
    // Vietnamese ones with marks ("ạ", "ư"), each from the face the browser would take it from.
    const preloaded = new Set(path.fontPreloads.filter((link) => link.crossorigin).map((link) => link.href));
    for (const [family, weight] of [['Noto Serif', 400], ['Be Vietnam Pro', 600]] as const) {
      for (const char of ['a', 'ạ', 'ư']) {
        const face = faceFor(path.declaredFaces, family, weight, 'normal', char);
        if (!face) problems.add(`${family} ${weight} has no @font-face for "${char}"`);
        else if (!face.urls.some((url) => preloaded.has(url))) problems.add(`${family} ${weight} (${face.urls.map((url) => new URL(url).pathname).join(', ')}) is not preloaded with crossorigin`);
      }
    }
    expect([...problems]).toEqual([]);
  });

  it.each([
    { name: 'the article page', path: ARTICLE },
    { name: 'the issue page', path: ISSUE },
    { name: 'the front page', path: 'index.html' },
  ])('shifts the layout of $name by at most 0.02 on a phone and a desktop, its fonts and images in', async ({ path }) => {
    // Measured with the local faces readers' systems have: Times New Roman's and Arial's metrics.
    expect(run('fc-list', [':', 'family']), 'Liberation Serif is missing: npm run setup installs fonts-liberation').toContain('Liberation Serif');
    const slow = await session.browser.newPage();
    slow.setDefaultTimeout(120_000);
    await slow.setCacheEnabled(false);
    await recordLayoutShifts(slow);
    // Network.emulateNetworkConditions on every session of the tab: latency per request, throughput in bytes per second.
    await slow.emulateNetworkConditions({ offline: false, latency: SLOW.latencyMs, download: SLOW.bytesPerSecond, upload: SLOW.bytesPerSecond });
    const scores: Record<string, { total: number; shifts: unknown[] }> = {};
    for (const viewport of VIEWPORTS) {
      await slow.setViewport(viewport);
      await slow.goto(fixtureSite.url + path, { waitUntil: 'load' });
      // Every shift counted, not only the worst session window that CLS keeps: a stricter bound. How much
      // a late face moves the text depends on which frame it lands in, which a busy machine changes: only
      // fallback faces with the web faces' metrics (size-adjust, ascent-override) keep this low every time.
      const shifts = await layoutShifts(slow);
      scores[viewport.name] = { total: shifts.reduce((sum, shift) => sum + shift.value, 0), shifts };
    }
    await slow.close();
    const over = Object.entries(scores)
      .filter(([, { total }]) => total > MAX_CLS)
      .map(([viewport, { total, shifts }]) => `${viewport}: ${total.toFixed(4)} from ${JSON.stringify(shifts)}`);
    expect(over).toEqual([]);
  });
});

describe('the article page printed from the browser (print media, A4)', () => {
  let printed: string;
  let text: string;
  let onScreen: { downloadLabels: string[]; navigation: string[]; linksTo: boolean };
  let headingBreaks: { heading: string; breakAfter: string }[];

  beforeAll(async () => {
    const printer = await session.browser.newPage();
    printer.setDefaultTimeout(120_000);
    await printer.setViewport(DESKTOP);
    await printer.goto(fixtureSite.url + ARTICLE, { waitUntil: 'load' });
    onScreen = await printer.evaluate((link: string) => ({
      downloadLabels: [...document.querySelectorAll('a[download]')].map((anchor) => anchor.textContent?.trim() ?? '').filter(Boolean),
      navigation: [...document.querySelectorAll<HTMLElement>('nav, [role="navigation"]')].map((nav) => nav.innerText.trim()).filter(Boolean),
      linksTo: [...document.querySelectorAll('a[href]')].some((anchor) => anchor.getAttribute('href') === link),
    }), LINK);
    await printer.emulateMediaType('print');
    headingBreaks = await printer.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('main h2, main h3')]
        .filter((heading) => heading.getClientRects().length > 0)
        .map((heading) => ({ heading: heading.textContent?.trim() ?? '', breakAfter: getComputedStyle(heading).breakAfter })),
    );
    // document.fonts.ready is not enough before printing: a face that print media needs may not have been asked for yet.
    await printer.evaluate(() => Promise.all([...document.fonts].map((face) => face.load().catch(() => undefined))));
    printed = join(await mkdtemp(join(tmpdir(), 'folio-web-print-')), 'article.pdf');
    await printer.pdf({ path: printed, format: 'A4', printBackground: true });
    await printer.close();
    text = squeeze(pdfText(printed));
  });

  it('takes no more pages than the download PDF', () => {
    const pages = { printed: pdfPages(printed), download: pdfPages(join(fixtureDir, 'nuoc-sach.pdf')) };
    expect(pages.printed, JSON.stringify(pages)).toBeGreaterThan(0);
    expect(pages.printed, JSON.stringify(pages)).toBeLessThanOrEqual(pages.download);
  });

  it('prints the article, but not the download box', () => {
    expect(text.includes(squeeze('Nước sạch về với các thôn vùng cao')), 'the printed text has the headline').toBe(true);
    expect(onScreen.downloadLabels.length).toBeGreaterThan(0);
    expect([labelsFor('vi').download, ...onScreen.downloadLabels].filter((label) => text.includes(squeeze(label)))).toEqual([]);
  });

  it('prints no navigation: neither the links to the articles before and after nor any other', () => {
    expect([...NEIGHBOURS, ...onScreen.navigation].filter((words) => text.includes(squeeze(words)))).toEqual([]);
  });

  it('prints the address of a link to the web', () => {
    expect(onScreen.linksTo).toBe(true);
    expect(text.includes(LINK), `the printed text has no ${LINK}`).toBe(true);
  });

  it('keeps every heading on the page of the text that follows it', () => {
    expect(headingBreaks.map((heading) => heading.heading)).toEqual(expect.arrayContaining(['Ba công trình, sáu thôn', 'Chất lượng nước', 'Quản lý và vận hành']));
    expect(headingBreaks.filter(({ breakAfter }) => breakAfter !== 'avoid' && breakAfter !== 'avoid-page')).toEqual([]);
  });
});
