import { access, constants } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Browser as BrowserKind, getInstalledBrowsers } from '@puppeteer/browsers';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { BuildError } from './errors.ts';
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

const SYSTEM_CHROMIUM = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome'];

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-quic',
  '--font-render-hinting=none',
];

/** How long one step in the browser may take before the build gives up on it. */
export const BROWSER_TIMEOUT_MS = 60_000;

/**
 * Finds a Chromium: FOLIO_CHROMIUM or PUPPETEER_EXECUTABLE_PATH first, then the system's, then one that
 * Puppeteer downloaded into its cache. Throws how to install one when there is none.
 */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const explicit = env['FOLIO_CHROMIUM'] ?? env['PUPPETEER_EXECUTABLE_PATH'];
  if (explicit) {
    if (await isExecutable(explicit)) return explicit;
    throw new BuildError('NO_BROWSER', `Chromium not found at ${explicit} (set by FOLIO_CHROMIUM or PUPPETEER_EXECUTABLE_PATH): correct the path or unset it`);
  }
  for (const candidate of SYSTEM_CHROMIUM) {
    if (await isExecutable(candidate)) return candidate;
  }
  const cacheDir = env['PUPPETEER_CACHE_DIR'] ?? join(homedir(), '.cache', 'puppeteer');
  const installed = await getInstalledBrowsers({ cacheDir }).catch(() => []);
  const cached = installed.find((browser) => browser.browser === BrowserKind.CHROME || browser.browser === BrowserKind.CHROMEHEADLESSSHELL);
  if (cached) return cached.executablePath;
  throw new BuildError(
    'NO_BROWSER',
    'no Chromium found. Install one with `sudo apt-get install chromium` (Debian, Ubuntu), or point FOLIO_CHROMIUM at a Chrome or Chromium executable',
  );
}

async function isExecutable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/** Starts Chromium; whoever calls this closes it with closeBrowser, in a `finally`. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = await findChromium();
  try {
    return await puppeteer.launch({
      executablePath,
      headless: true,
      args: FLAGS,
      timeout: BROWSER_TIMEOUT_MS,
      protocolTimeout: BROWSER_TIMEOUT_MS,
      handleSIGINT: true,
      handleSIGTERM: true,
    });
  } catch (error) {
    throw new BuildError('BROWSER_FAILED', `Chromium at ${executablePath} did not start: ${(error as Error).message}`, { cause: error });
  }
}

/** Closes Chromium; kills it where it does not close. */
export async function closeBrowser(browser: Browser): Promise<void> {
  await browser.close().catch(() => browser.process()?.kill('SIGKILL'));
}

/** Starts Chromium, runs `work` with it and always closes it, even when `work` throws. */
export async function withBrowser<T>(work: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await launchBrowser();
  try {
    return await work(browser);
  } finally {
    await closeBrowser(browser);
  }
}

/** The size of the window a page is laid out in; deviceScaleFactor multiplies the pixels of a screenshot. */
export interface Viewport {
  width: number;
  height: number;
  deviceScaleFactor?: number;
}

/** The site a pooled page currently answers from, and where it lists the requests it refused. */
interface PageState {
  site: Site;
  blocked: string[];
  viewport?: Viewport;
}

/** Pages kept open between renders: opening a page costs more than loading new content into one. */
interface PagePool {
  /** Settles once the tab Chromium opened at launch has joined `idle`. */
  ready: Promise<void>;
  idle: Page[];
  state: WeakMap<Page, PageState>;
}

const pools = new WeakMap<Browser, PagePool>();

function poolOf(browser: Browser): PagePool {
  let pool = pools.get(browser);
  if (!pool) {
    const created: PagePool = { ready: Promise.resolve(), idle: [], state: new WeakMap() };
    // The tab Chromium opens at launch is the first page of the pool.
    created.ready = browser.pages().then((pages) => void created.idle.push(...pages.filter((page) => page.url() === 'about:blank')));
    pools.set(browser, created);
    pool = created;
  }
  return pool;
}

async function acquirePage(browser: Browser): Promise<{ page: Page; pool: PagePool }> {
  const pool = poolOf(browser);
  await pool.ready;
  const page = pool.idle.pop() ?? (await browser.newPage());
  if (!pool.state.has(page)) {
    const state: PageState = { site: new Map(), blocked: [] };
    pool.state.set(page, state);
    page.setDefaultTimeout(BROWSER_TIMEOUT_MS);
    page.on('request', (request) => void answer(request, state));
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
  }
  return { page, pool };
}

/**
 * Opens `path` of `site` in a page of the pool whose every request is answered from `site`; anything
 * else (the network, the file system) is blocked and listed in `blocked`. The page goes back to the
 * pool after `work`, or is closed if `work` failed.
 */
export async function withSitePage<T>(
  browser: Browser,
  site: Site,
  path: string,
  work: (page: Page) => Promise<T>,
  viewport: Viewport = { width: 1200, height: 900 },
): Promise<{ result: T; blocked: string[] }> {
  const { page, pool } = await acquirePage(browser);
  const state = pool.state.get(page) as PageState;
  state.site = site;
  state.blocked = [];
  try {
    if (JSON.stringify(state.viewport) !== JSON.stringify(viewport)) {
      await page.setViewport(viewport);
      state.viewport = viewport;
    }
    await openDocument(page, site, path);
    const result = await work(page);
    pool.idle.push(page);
    return { result, blocked: state.blocked };
  } catch (error) {
    await page.close().catch(() => undefined);
    throw error;
  }
}

/**
 * Shows `path` of `site` in `page`. A page that already shows a document of the build at the same
 * folder level gets the new document swapped in (see REPLACE_DOCUMENT): no navigation, fonts kept.
 */
async function openDocument(page: Page, site: Site, path: string): Promise<void> {
  const file = site.get(path);
  const current = page.url();
  if (typeof file?.bytes === 'string' && current.startsWith(SITE_ORIGIN) && !path.includes('/') && !current.slice(SITE_ORIGIN.length).includes('/')) {
    await page.evaluate(`(${REPLACE_DOCUMENT})(${JSON.stringify(file.bytes)})`);
    const deadline = Date.now() + BROWSER_TIMEOUT_MS;
    while (!(await page.evaluate(DOCUMENT_SETTLED))) {
      if (Date.now() > deadline) throw new BuildError('BROWSER_FAILED', `Chromium did not finish loading ${path} of the build within ${BROWSER_TIMEOUT_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  } else {
    const response = await page.goto(SITE_ORIGIN + path, { waitUntil: 'load' });
    if (!response?.ok()) throw new BuildError('BROWSER_FAILED', `Chromium could not open ${path} of the build`);
  }
  await page.evaluateHandle('document.fonts.ready');
}

async function answer(request: HTTPRequest, state: PageState): Promise<void> {
  const url = request.url();
  if (url.startsWith('data:')) return request.continue();
  const file = url.startsWith(SITE_ORIGIN) ? state.site.get(decodeURIComponent(url.slice(SITE_ORIGIN.length).split(/[?#]/)[0] ?? '')) : undefined;
  if (file) {
    return request.respond({ status: 200, contentType: file.contentType, body: typeof file.bytes === 'string' ? file.bytes : Buffer.from(file.bytes) });
  }
  // Chromium asks for a favicon by itself; no product needs one.
  if (url === `${SITE_ORIGIN}favicon.ico`) return request.respond({ status: 404, body: '' });
  state.blocked.push(url);
  return request.abort('blockedbyclient');
}
