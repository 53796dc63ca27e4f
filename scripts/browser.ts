import { access, constants } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Browser as BrowserKind, getInstalledBrowsers } from '@puppeteer/browsers';
import puppeteer, { type Browser, type HTTPRequest, type Page, type Viewport } from 'puppeteer-core';
import { BuildError } from './errors.ts';

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

/** Starts Chromium, runs `work` with it and always closes it, even when `work` throws. */
export async function withBrowser<T>(work: (browser: Browser) => Promise<T>): Promise<T> {
  const executablePath = await findChromium();
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
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
  try {
    return await work(browser);
  } finally {
    await browser.close().catch(() => browser.process()?.kill('SIGKILL'));
  }
}

/**
 * Opens `path` of `site` in a new page whose every request is answered from `site`; anything else
 * (the network, the file system) is blocked and listed in `blocked`. The page is closed after `work`.
 */
export async function withSitePage<T>(
  browser: Browser,
  site: Site,
  path: string,
  work: (page: Page) => Promise<T>,
  viewport: Viewport = { width: 1200, height: 900 },
): Promise<{ result: T; blocked: string[] }> {
  const page = await browser.newPage();
  const blocked: string[] = [];
  try {
    page.setDefaultTimeout(BROWSER_TIMEOUT_MS);
    await page.setViewport(viewport);
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request) => void answer(request, site, blocked));
    const response = await page.goto(SITE_ORIGIN + path, { waitUntil: 'load' });
    if (!response?.ok()) throw new BuildError('BROWSER_FAILED', `Chromium could not open ${path} of the build`);
    await page.evaluateHandle('document.fonts.ready');
    return { result: await work(page), blocked };
  } finally {
    await page.close().catch(() => undefined);
  }
}

async function answer(request: HTTPRequest, site: Site, blocked: string[]): Promise<void> {
  const url = request.url();
  if (url.startsWith('data:')) return request.continue();
  const file = url.startsWith(SITE_ORIGIN) ? site.get(decodeURIComponent(url.slice(SITE_ORIGIN.length).split(/[?#]/)[0] ?? '')) : undefined;
  if (file) {
    return request.respond({ status: 200, contentType: file.contentType, body: typeof file.bytes === 'string' ? file.bytes : Buffer.from(file.bytes) });
  }
  // Chromium asks for a favicon by itself; no product needs one.
  if (url === `${SITE_ORIGIN}favicon.ico`) return request.respond({ status: 404, body: '' });
  blocked.push(url);
  return request.abort('blockedbyclient');
}
