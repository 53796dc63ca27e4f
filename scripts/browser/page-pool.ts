import { availableParallelism } from 'node:os';
import type { Browser, CDPSession, Page, Protocol } from 'puppeteer-core';
import type { BrowserSession } from '../browser.ts';
import { BuildError } from '../errors.ts';
import { asBuffer } from '../file-bytes.ts';
import { DOCUMENT_SETTLED, REPLACE_DOCUMENT } from './replace-document.ts';

/** The address the build serves its own files from while Chromium renders; it never reaches a network. */
export const SITE_ORIGIN = 'http://folio.invalid/';

/** A file the renderer may load, by its path under SITE_ORIGIN. */
export interface SiteFile {
  bytes: Uint8Array | string;
  contentType: string;
}

/** The in-memory site one render sees: the page, its stylesheet, fonts and images. */
export type Site = ReadonlyMap<string, SiteFile>;

/** The size of the window a page is laid out in; deviceScaleFactor multiplies the pixels of a screenshot. */
export interface Viewport {
  width: number;
  height: number;
  deviceScaleFactor?: number;
}

/** The site a pooled page currently answers from, and where it lists the requests it refused. */
interface PageState {
  site: Site;
  /**
   * The bytes of every file but documents the page was given since it last navigated: a document swapped
   * in takes an image an earlier one loaded at the same address as it is, without asking for it again.
   */
  given: Map<string, Uint8Array | string>;
  blocked: string[];
  viewport?: Viewport;
  uses: number;
}

/**
 * Renders a page serves before it is closed for a new one: a renderer's memory grows with every document
 * (100 articles peak at about 600 MiB with 64, 530 MiB with 24), and a new page costs a tenth of a second.
 */
const PAGE_USES = 64;

/** Pages kept open between renders: opening a page costs more than loading new content into one. */
interface PagePool {
  /** Settles once the tab Chromium opened at launch has joined `idle`. */
  ready: Promise<void>;
  idle: Page[];
  state: WeakMap<Page, PageState>;
  /** Renders that may run at once: one a core. More tabs cost memory and only take turns on the cores. */
  free: number;
  waiting: (() => void)[];
}

const pools = new WeakMap<Browser, PagePool>();

function poolOf(browser: Browser): PagePool {
  let pool = pools.get(browser);
  if (!pool) {
    const created: PagePool = { ready: Promise.resolve(), idle: [], state: new WeakMap(), free: availableParallelism(), waiting: [] };
    // The tab Chromium opens at launch is the first page of the pool.
    created.ready = browser.pages().then((pages) => void created.idle.push(...pages.filter((page) => page.url() === 'about:blank')));
    pools.set(browser, created);
    pool = created;
  }
  return pool;
}

/** Gives a render's turn to the next one waiting, or back to the pool. */
function releaseSlot(pool: PagePool): void {
  const next = pool.waiting.shift();
  if (next) next();
  else pool.free++;
}

function sameViewport(a: Viewport | undefined, b: Viewport): boolean {
  return a?.width === b.width && a.height === b.height && (a.deviceScaleFactor ?? 1) === (b.deviceScaleFactor ?? 1);
}

/**
 * A page of the pool for a render at `viewport`: one already at that size where there is one, since
 * resizing a page lays out its document again.
 */
async function acquirePage({ browser, timeoutMs }: BrowserSession, viewport: Viewport): Promise<{ page: Page; pool: PagePool }> {
  const pool = poolOf(browser);
  await pool.ready;
  if (pool.free > 0) pool.free--;
  else await new Promise<void>((resolve) => pool.waiting.push(resolve));
  const sameSize = pool.idle.findIndex((candidate) => sameViewport(pool.state.get(candidate)?.viewport, viewport));
  const [reused] = pool.idle.splice(sameSize === -1 ? -1 : sameSize, 1);
  const page = reused ?? (await browser.newPage().catch((error: unknown) => {
    releaseSlot(pool);
    throw error;
  }));
  if (!pool.state.has(page)) {
    const state: PageState = { site: new Map(), given: new Map(), blocked: [], uses: 0 };
    pool.state.set(page, state);
    page.setDefaultTimeout(timeoutMs);
    await page.setJavaScriptEnabled(false);
    await answerFromSite(page, state);
  }
  return { page, pool };
}

/**
 * Opens `path` of `site` in a page of the pool whose every request is answered from `site`; anything
 * else (the network, the file system) is blocked and listed in `blocked`. The page goes back to the
 * pool after `work`, or is closed if `work` failed.
 */
export async function withSitePage<T>(
  session: BrowserSession,
  site: Site,
  path: string,
  work: (page: Page) => Promise<T>,
  viewport: Viewport = { width: 1200, height: 900 },
): Promise<{ result: T; blocked: string[] }> {
  const { page, pool } = await acquirePage(session, viewport);
  const state = pool.state.get(page) as PageState;
  state.site = site;
  state.blocked = [];
  try {
    if (!sameViewport(state.viewport, viewport)) {
      await page.setViewport(viewport);
      state.viewport = viewport;
    }
    await openDocument(page, state, path, session.timeoutMs);
    const result = await work(page);
    if (++state.uses < PAGE_USES) pool.idle.push(page);
    else await page.close().catch(() => undefined);
    releaseSlot(pool);
    return { result, blocked: state.blocked };
  } catch (error) {
    // Not awaited: a Chromium that stopped answering would hold the failure back for one more timeout.
    void page.close().catch(() => undefined);
    releaseSlot(pool);
    throw error;
  }
}

const screenshotQueues = new WeakMap<Browser, Promise<unknown>>();

/**
 * A PNG of `page`. The full Chromium draws only the tab in front: a screenshot of a tab behind others
 * waits for a frame that never comes. There, screenshots take turns, each with its tab brought to the
 * front (printing to PDF needs no frame and goes on in the other tabs meanwhile). The headless shell
 * draws every tab, and its screenshots run side by side.
 */
export function screenshotPng({ browser, drawsEveryTab }: BrowserSession, page: Page): Promise<Uint8Array> {
  // Chromium's quick PNG encoding: the file is larger (about 150 KB for a cover instead of 90 KB), but
  // encoding it takes a fraction of the time, and the best compression made covers half a build's work.
  const shoot = () => page.screenshot({ type: 'png', optimizeForSpeed: true, captureBeyondViewport: false });
  if (drawsEveryTab) return shoot();
  const previous = screenshotQueues.get(browser) ?? Promise.resolve();
  const next = previous
    .catch(() => undefined)
    .then(async () => {
      await page.bringToFront();
      return shoot();
    });
  screenshotQueues.set(browser, next);
  return next;
}

/**
 * Shows `path` of the page's site in `page`. A page that already shows a document of the build at the
 * same folder level gets the new document swapped in (see REPLACE_DOCUMENT): no navigation, fonts kept;
 * unless the site gives other bytes at an address the page was given before (a photo replaced between
 * two builds of the preview), which the swapped-in document would show as it was.
 */
async function openDocument(page: Page, state: PageState, path: string, timeoutMs: number): Promise<void> {
  const { site } = state;
  const file = site.get(path);
  const current = page.url();
  const unchanged = [...state.given].every(([given, bytes]) => {
    const now = site.get(given)?.bytes;
    return now === undefined || now === bytes || asBuffer(now).equals(asBuffer(bytes));
  });
  if (typeof file?.bytes === 'string' && unchanged && current.startsWith(SITE_ORIGIN) && !path.includes('/') && !current.slice(SITE_ORIGIN.length).includes('/')) {
    await page.evaluate(`(${REPLACE_DOCUMENT})(${JSON.stringify(file.bytes)})`);
    const deadline = Date.now() + timeoutMs;
    while (!(await page.evaluate(DOCUMENT_SETTLED))) {
      if (Date.now() > deadline) throw new BuildError('BROWSER_FAILED', `Chromium did not finish loading ${path} of the build within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  } else {
    state.given = new Map();
    // Each segment encoded: a `#` or `%` in a path would otherwise end it or be read as an escape.
    const response = await page.goto(SITE_ORIGIN + path.split('/').map(encodeURIComponent).join('/'), { waitUntil: 'load' });
    if (!response?.ok()) throw new BuildError('BROWSER_FAILED', `Chromium could not open ${path} of the build`);
  }
  // Every declared face, not just document.fonts.ready: a face the layout has asked for may not have
  // started loading yet, and would print as blank text (font-display: block). Faces stay loaded in the
  // page, so only its first document pays for this.
  await page.evaluate(ALL_FONTS_LOADED);
}

/** In-page: loads every @font-face of the document; settles once all have loaded (or failed). */
const ALL_FONTS_LOADED = 'Promise.allSettled([...document.fonts].map((face) => face.load())).then(() => undefined)';

/**
 * Has every request of `page` paused and answered from its state's site, through a DevTools session of
 * our own: Puppeteer's `request.respond` encodes each body to base64 in JavaScript, 50 to 85 ms of
 * the main thread a build for four photos; Node's encoder takes a few milliseconds.
 * The HTTP cache is off, as it is under Puppeteer's interception: a cached file would skip the site. (A
 * document swapped in still reuses what its tab loaded before: see openDocument.)
 */
async function answerFromSite(page: Page, state: PageState): Promise<void> {
  const session = await page.createCDPSession();
  session.on('Fetch.requestPaused', (event) => void answer(session, event, state).catch(() => undefined));
  await page.setCacheEnabled(false);
  await session.send('Fetch.enable', { patterns: [{ urlPattern: '*', requestStage: 'Request' }] });
}

async function answer(session: CDPSession, { requestId, request }: Protocol.Fetch.RequestPausedEvent, state: PageState): Promise<void> {
  const { url } = request;
  if (url.startsWith('data:')) return void (await session.send('Fetch.continueRequest', { requestId }));
  const path = sitePath(url);
  const file = path === undefined ? undefined : state.site.get(path);
  if (file && path !== undefined) {
    // A document is never reused: each is navigated to or swapped in (see openDocument).
    if (!file.contentType.startsWith('text/html')) state.given.set(path, file.bytes);
    const responseHeaders = [{ name: 'Content-Type', value: file.contentType }];
    return void (await session.send('Fetch.fulfillRequest', { requestId, responseCode: 200, responseHeaders, body: base64Of(file.bytes) }));
  }
  // Chromium asks for a favicon by itself; no product needs one.
  if (url === `${SITE_ORIGIN}favicon.ico`) return void (await session.send('Fetch.fulfillRequest', { requestId, responseCode: 404, body: '' }));
  state.blocked.push(url);
  await session.send('Fetch.failRequest', { requestId, errorReason: 'BlockedByClient' });
}

/** A file's bytes as the DevTools protocol carries them. */
function base64Of(bytes: Uint8Array | string): string {
  return asBuffer(bytes).toString('base64');
}

/**
 * The path under SITE_ORIGIN that `url` asks for; undefined for any other address. A `%` not followed by
 * two hex digits (an image saved as `50%.png`) is no escape, and Chromium sends it as it is: decoding it
 * would throw.
 */
export function sitePath(url: string): string | undefined {
  if (!url.startsWith(SITE_ORIGIN)) return undefined;
  const path = url.slice(SITE_ORIGIN.length).split(/[?#]/)[0] ?? '';
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
