import { access, constants } from 'node:fs/promises';
import { availableParallelism, homedir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { ProtocolError, TimeoutError, type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
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

/**
 * The system's Chromium, best first: the headless shell (Debian's chromium-headless-shell) starts in a
 * third of the time of the full browser and prints with less work; the full browser does the same job.
 */
const SYSTEM_CHROMIUM = ['/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium-headless-shell', '/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome'];

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

/** How long one step in the browser may take before the build gives up on it, unless FOLIO_BROWSER_TIMEOUT_MS says otherwise. */
export const BROWSER_TIMEOUT_MS = 60_000;

/** The build's one browser and how long any step in it may take. */
export interface BrowserSession {
  browser: Browser;
  timeoutMs: number;
  /** True for the headless shell, which draws every tab; the full browser draws only the one in front. */
  drawsEveryTab?: boolean;
}

/** The browser timeout: FOLIO_BROWSER_TIMEOUT_MS (milliseconds) where set, else BROWSER_TIMEOUT_MS. */
export function browserTimeout(env: NodeJS.ProcessEnv = process.env): number {
  const value = env['FOLIO_BROWSER_TIMEOUT_MS'];
  if (value === undefined || value === '') return BROWSER_TIMEOUT_MS;
  if (!/^\d+$/.test(value) || Number(value) < 100) {
    throw new BuildError('USAGE', `FOLIO_BROWSER_TIMEOUT_MS=${value} is not a number of milliseconds of at least 100: set it like FOLIO_BROWSER_TIMEOUT_MS=120000, or unset it for ${BROWSER_TIMEOUT_MS}`);
  }
  return Number(value);
}

/**
 * Finds a Chromium: FOLIO_CHROMIUM or PUPPETEER_EXECUTABLE_PATH first, then the system's, then one that
 * Puppeteer downloaded into its cache. Throws how to install one when there is none.
 */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const explicit = env['FOLIO_CHROMIUM'] ?? env['PUPPETEER_EXECUTABLE_PATH'];
  if (explicit) {
    if (await isExecutable(explicit)) return explicit;
    throw new BuildError('NO_BROWSER', `no Chromium at ${explicit} (set by FOLIO_CHROMIUM or PUPPETEER_EXECUTABLE_PATH): correct the path, or install Chromium with \`sudo apt-get install chromium\` (Debian, Ubuntu) and unset the variable`);
  }
  for (const candidate of SYSTEM_CHROMIUM) {
    if (await isExecutable(candidate)) return candidate;
  }
  const cacheDir = env['PUPPETEER_CACHE_DIR'] ?? join(homedir(), '.cache', 'puppeteer');
  // Loaded only here: it is a large module, and most machines have a system Chromium.
  const { Browser: BrowserKind, getInstalledBrowsers } = await import('@puppeteer/browsers');
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

/**
 * Starts Chromium over a pipe (it ends by itself when the build's process dies, even by SIGKILL).
 * Whoever calls this ends it with closeBrowser, in a `finally`.
 */
export async function launchBrowser(env: NodeJS.ProcessEnv = process.env): Promise<BrowserSession> {
  const timeoutMs = browserTimeout(env);
  const executablePath = await findChromium(env);
  const shell = /headless[-_]shell/.test(executablePath);
  try {
    const browser = await puppeteer.launch({
      executablePath,
      // The headless shell only knows the old headless mode; the full browser runs the new one.
      headless: shell ? 'shell' : true,
      args: FLAGS,
      pipe: true,
      timeout: timeoutMs,
      protocolTimeout: timeoutMs,
      handleSIGINT: true,
      handleSIGTERM: true,
      handleSIGHUP: true,
    });
    return { browser, timeoutMs, drawsEveryTab: shell };
  } catch (error) {
    throw new BuildError(
      'BROWSER_FAILED',
      `Chromium at ${executablePath} ${isTimeout(error) ? `did not answer within ${timeoutMs} ms` : 'failed to start'} (${firstLine(error)}): check that \`${executablePath} --headless --version\` runs, or point FOLIO_CHROMIUM at another Chromium`,
      { cause: error },
    );
  }
}

/**
 * What went wrong while rendering, said plainly: a browser that is gone has crashed, one that did not
 * answer in time has hung. Other errors are given back as they are.
 */
export function explainBrowserFailure({ browser, timeoutMs }: BrowserSession, error: unknown): unknown {
  if (!browser.connected || /Target closed|Connection closed|Session closed/i.test(String(error))) {
    return new BuildError('BROWSER_FAILED', `Chromium crashed while rendering (${firstLine(error)}); nothing was written. Try again; if it keeps crashing, check its memory and /dev/shm`, {
      cause: error,
    });
  }
  if (error instanceof BuildError) return error;
  if (isTimeout(error) || error instanceof ProtocolError) {
    return new BuildError(
      'BROWSER_FAILED',
      `Chromium stopped responding for ${timeoutMs} ms while rendering (${firstLine(error)}); nothing was written. Try again, or allow more time with FOLIO_BROWSER_TIMEOUT_MS`,
      { cause: error },
    );
  }
  return error;
}

/** Starts Chromium, runs `work` with it and always ends it; a crash or a hang becomes a BuildError. */
export async function withBrowser<T>(env: NodeJS.ProcessEnv, work: (session: BrowserSession) => Promise<T>): Promise<T> {
  const session = await launchBrowser(env);
  try {
    return await work(session);
  } catch (error) {
    throw explainBrowserFailure(session, error);
  } finally {
    await closeBrowser(session);
  }
}

/**
 * Ends the browser: its process group is killed at once (a build has nothing to save in it; a polite
 * close costs a tenth of a second), then this waits, for a bounded time, until Puppeteer has seen it
 * exit and removed its temporary profile.
 */
export async function closeBrowser({ browser }: BrowserSession): Promise<void> {
  const child = browser.process();
  if (!child || child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
    await browser.close().catch(() => undefined);
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    timer = setTimeout(resolve, 5_000);
  });
  try {
    // Puppeteer starts Chromium as the leader of its own process group: this reaches every helper.
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
  await exited;
  clearTimeout(timer);
  await browser.close().catch(() => undefined);
}

/** Puppeteer reports a CDP call that got no answer as a ProtocolError saying "timed out", not a TimeoutError. */
function isTimeout(error: unknown): boolean {
  return error instanceof TimeoutError || (error instanceof ProtocolError && /timed out/i.test(error.message));
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]?.trim() ?? 'unknown error';
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
  uses: number;
}

/** Renders a page serves before it is closed for a new one: a renderer's memory grows with every document. */
const PAGE_USES = 24;

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

async function acquirePage({ browser, timeoutMs }: BrowserSession): Promise<{ page: Page; pool: PagePool }> {
  const pool = poolOf(browser);
  await pool.ready;
  if (pool.free > 0) pool.free--;
  else await new Promise<void>((resolve) => pool.waiting.push(resolve));
  const page = pool.idle.pop() ?? (await browser.newPage().catch((error: unknown) => {
    releaseSlot(pool);
    throw error;
  }));
  if (!pool.state.has(page)) {
    const state: PageState = { site: new Map(), blocked: [], uses: 0 };
    pool.state.set(page, state);
    page.setDefaultTimeout(timeoutMs);
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
  session: BrowserSession,
  site: Site,
  path: string,
  work: (page: Page) => Promise<T>,
  viewport: Viewport = { width: 1200, height: 900 },
): Promise<{ result: T; blocked: string[] }> {
  const { page, pool } = await acquirePage(session);
  const state = pool.state.get(page) as PageState;
  state.site = site;
  state.blocked = [];
  try {
    if (JSON.stringify(state.viewport) !== JSON.stringify(viewport)) {
      await page.setViewport(viewport);
      state.viewport = viewport;
    }
    await openDocument(page, site, path, session.timeoutMs);
    const result = await work(page);
    if (++state.uses < PAGE_USES) pool.idle.push(page);
    else await page.close().catch(() => undefined);
    releaseSlot(pool);
    return { result, blocked: state.blocked };
  } catch (error) {
    await page.close().catch(() => undefined);
    releaseSlot(pool);
    throw error;
  }
}

/**
 * Opens as many pages as may render at once, each showing `path` of `site`, and leaves them in the
 * pool: the first renders then find a running renderer with the fonts decoded. Called while the
 * manuscripts load; a failure here is left for the renders to meet and report.
 */
export async function warmPages(session: BrowserSession, site: Site, path: string): Promise<void> {
  const pages = Array.from({ length: availableParallelism() }, () => withSitePage(session, site, path, async () => undefined));
  await Promise.all(pages).catch(() => undefined);
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
 * Shows `path` of `site` in `page`. A page that already shows a document of the build at the same
 * folder level gets the new document swapped in (see REPLACE_DOCUMENT): no navigation, fonts kept.
 */
async function openDocument(page: Page, site: Site, path: string, timeoutMs: number): Promise<void> {
  const file = site.get(path);
  const current = page.url();
  if (typeof file?.bytes === 'string' && current.startsWith(SITE_ORIGIN) && !path.includes('/') && !current.slice(SITE_ORIGIN.length).includes('/')) {
    await page.evaluate(`(${REPLACE_DOCUMENT})(${JSON.stringify(file.bytes)})`);
    const deadline = Date.now() + timeoutMs;
    while (!(await page.evaluate(DOCUMENT_SETTLED))) {
      if (Date.now() > deadline) throw new BuildError('BROWSER_FAILED', `Chromium did not finish loading ${path} of the build within ${timeoutMs} ms`);
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
