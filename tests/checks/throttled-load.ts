// The seed article on a slow connection: builds the manuscript, serves dist/ on 127.0.0.1 and loads the
// article in the project's Chromium with 400 ms of latency and 400 kbit/s each way, cache disabled, on a
// phone and a desktop screen. Prints the median of three loads of the first contentful paint and the
// cumulative layout shift; exits 1 if FCP exceeds 1500 ms or CLS 0.02 on either screen.
// Run: node --import tsx tests/checks/throttled-load.ts
import type { Browser, Viewport } from 'puppeteer-core';
import { closeBrowser, launchBrowser } from '../../scripts/browser.ts';
import { buildSite } from './build-site.ts';
import { serveFolder } from '../helpers/serve-folder.ts';
import { VIEWPORTS } from './viewports.ts';

/** The slowest first contentful paint (ms) and the largest layout shift a reader may get. */
const TARGETS = { fcpMs: 1500, cls: 0.02 };

/** 400 kbit/s is 50 000 bytes a second, each way, after 400 ms of round trip. */
const SLOW_NETWORK = { latency: 400, download: 50_000, upload: 50_000 };

/**
 * What one load measured, in ms since navigation began: the first contentful paint, the layout shift,
 * and when the last web font arrived. Chromium reports the first contentful paint even while every
 * line is still hidden by font-display: block, so the fonts' arrival, shown for information, is closer
 * to when a reader can start reading.
 */
interface Load {
  fcpMs: number;
  cls: number;
  fontsMs: number;
}

/** Run in the page before its own scripts: sums the layout shifts not caused by input into window.folioLayoutShift. */
const WATCH_LAYOUT_SHIFT = `
  window.folioLayoutShift = { total: 0, add(entries) { for (const entry of entries) if (!entry.hadRecentInput) this.total += entry.value; } };
  window.folioLayoutShift.observer = new PerformanceObserver((list) => window.folioLayoutShift.add(list.getEntries()));
  window.folioLayoutShift.observer.observe({ type: 'layout-shift', buffered: true });
`;

/** What WATCH_LAYOUT_SHIFT leaves in the page. */
declare global {
  interface Window {
    folioLayoutShift: { total: number; observer: PerformanceObserver; add(entries: PerformanceEntryList): void };
  }
}

/**
 * Loads `url` once in a new browser context (nothing cached, no shared connection) and measures it
 * once the load event has fired, every web font is ready and two frames have been drawn since, so
 * that a shift caused by a late font has been recorded.
 */
async function measureLoad(browser: Browser, url: string, viewport: Viewport): Promise<Load> {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.setViewport(viewport);
    // Both through CDP: Network.emulateNetworkConditions and Network.setCacheDisabled.
    await page.emulateNetworkConditions(SLOW_NETWORK);
    await page.setCacheEnabled(false);
    // Layout-shift entries are watched from the document's start; shifts right after an input do not
    // count. A string, not a function: tsx would wrap a function's inner names in a helper the page lacks.
    await page.evaluateOnNewDocument(WATCH_LAYOUT_SHIFT);
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    return await page.evaluate(async () => {
      await document.fonts.ready;
      await new Promise((frame) => requestAnimationFrame(() => requestAnimationFrame(frame)));
      // Entries queued but not yet handed to the observer's callback count too.
      window.folioLayoutShift.add(window.folioLayoutShift.observer.takeRecords());
      const paint = performance.getEntriesByName('first-contentful-paint')[0];
      const fonts = performance.getEntriesByType('resource').filter((entry) => /\.(woff2?|ttf|otf)$/.test(new URL(entry.name).pathname));
      return { fcpMs: paint ? paint.startTime : NaN, cls: window.folioLayoutShift.total, fontsMs: Math.max(0, ...fonts.map((entry) => (entry as PerformanceResourceTiming).responseEnd)) };
    });
  } finally {
    await context.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

const site = await buildSite();
const served = await serveFolder(site.outDir, { gzip: true });
const session = await launchBrowser();
const misses: string[] = [];
try {
  const url = served.url + site.articlePath;
  console.log(`${url}\n  400 ms latency, 400 kbit/s down and up, cache disabled; median of 3 loads`);
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    // One after another: loads that share the machine slow each other down.
    const loads: Load[] = [];
    for (let run = 0; run < 3; run++) loads.push(await measureLoad(session.browser, url, viewport));
    const fcpMs = median(loads.map((load) => load.fcpMs));
    const cls = median(loads.map((load) => load.cls));
    const fontsMs = median(loads.map((load) => load.fontsMs));
    const fcpOk = fcpMs <= TARGETS.fcpMs;
    const clsOk = cls <= TARGETS.cls;
    if (!fcpOk) misses.push(`${name} FCP ${Math.round(fcpMs)} ms > ${TARGETS.fcpMs} ms`);
    if (!clsOk) misses.push(`${name} CLS ${cls.toFixed(3)} > ${TARGETS.cls}`);
    const each = loads.map((load) => `${Math.round(load.fcpMs)} ms / ${load.cls.toFixed(3)}`).join(', ');
    console.log(`  ${name.padEnd(8)} FCP ${String(Math.round(fcpMs)).padStart(5)} ms ${fcpOk ? 'ok' : 'FAIL'} (≤ ${TARGETS.fcpMs})   CLS ${cls.toFixed(3)} ${clsOk ? 'ok' : 'FAIL'} (≤ ${TARGETS.cls})   last font ${Math.round(fontsMs)} ms   [FCP / CLS of each load: ${each}]`);
  }
} finally {
  await closeBrowser(session);
  await served.close();
}
console.log(misses.length ? `\nFAILED: ${misses.join('; ')}` : '\nFirst paint and layout shift within their targets.');
process.exitCode = misses.length ? 1 : 0;
