import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { HTTPRequest } from 'puppeteer-core';
import { withBrowser } from '../../scripts/browser.ts';

const require = createRequire(import.meta.url);
const ORIGIN = 'http://reader.invalid/';

/** One document of the spine as epub.js showed it. */
export interface ReadDocument {
  href: string;
  lang: string;
  text: string;
  images: { alt: string | null; role: string | null; width: number; height: number }[];
  /** Font families the document actually loaded and drew with. */
  fonts: string[];
  /** Every colour text, rules and backgrounds are drawn in, under the reader's night theme (NIGHT). */
  colours: { text: string[]; backgrounds: string[]; borders: string[] };
}

/** The night theme the reader sets, as a reading system's dark mode does: light text on black. */
export const NIGHT = { color: 'rgb(230, 230, 230)', background: 'rgb(17, 17, 17)' };

/** What a reader of the EPUB gets in epub.js: metadata, table of contents, every spine document. */
export interface Reading {
  metadata: { title: string; creator: string; publisher: string; language: string };
  /** Every entry of the table of contents, each before the entries nested under it. */
  toc: string[];
  documents: ReadDocument[];
  /** Anything the reading system tried to load from outside the EPUB. */
  blocked: string[];
}

/** The reader page: epub.js (which needs JSZip as a global) and a box to render into, as a phone would. */
async function readerSite(): Promise<Map<string, { body: string; contentType: string }>> {
  const epubjs = dirname(require.resolve('epubjs/package.json'));
  const jszip = require.resolve('jszip/dist/jszip.min.js', { paths: [epubjs] });
  return new Map([
    ['reader.html', { body: '<!DOCTYPE html><html><head><meta charset="utf-8"><script src="jszip.js"></script><script src="epub.js"></script></head><body><div id="viewer" style="width:400px;height:640px"></div></body></html>', contentType: 'text/html' }],
    ['jszip.js', { body: await readFile(jszip, 'utf8'), contentType: 'text/javascript' }],
    ['epub.js', { body: await readFile(`${epubjs}/dist/epub.min.js`, 'utf8'), contentType: 'text/javascript' }],
  ]);
}

/**
 * Opens an EPUB file in epub.js inside Chromium, the way a web reading system does: unzips it in the page,
 * renders every spine document in turn and reports what each shows. Nothing outside the EPUB is served.
 */
export async function readInEpubJs(file: string): Promise<Reading> {
  const [epub, site] = await Promise.all([readFile(file), readerSite()]);
  return withBrowser(process.env, async ({ browser }) => {
    const page = await browser.newPage();
    page.setDefaultTimeout(120_000);
    const blocked: string[] = [];
    await page.setRequestInterception(true);
    page.on('request', (request: HTTPRequest) => {
      const url = request.url();
      const served = url.startsWith(ORIGIN) ? site.get(url.slice(ORIGIN.length)) : undefined;
      if (served) return void request.respond({ status: 200, contentType: served.contentType, body: served.body });
      if (url.startsWith('blob:') || url.startsWith('data:')) return void request.continue();
      // Chromium asks for the reader page's favicon by itself; it is not the book's doing.
      if (url === `${ORIGIN}favicon.ico`) return void request.respond({ status: 404, body: '' });
      blocked.push(url);
      return void request.abort('blockedbyclient');
    });
    await page.goto(`${ORIGIN}reader.html`, { waitUntil: 'load' });
    const reading = await page.evaluate(async (base64: string, night: typeof NIGHT) => {
      const colours = (doc: Document) => {
        const text = new Set<string>();
        const backgrounds = new Set<string>();
        const borders = new Set<string>();
        for (const element of doc.body.querySelectorAll('*')) {
          const style = doc.defaultView!.getComputedStyle(element);
          if ([...element.childNodes].some((node) => node.nodeType === 3 && node.textContent?.trim())) text.add(style.color);
          if (style.backgroundColor !== 'rgba(0, 0, 0, 0)') backgrounds.add(style.backgroundColor);
          for (const side of ['top', 'right', 'bottom', 'left']) {
            const visible = style.getPropertyValue(`border-${side}-style`) !== 'none' && Number.parseFloat(style.getPropertyValue(`border-${side}-width`)) > 0;
            if (visible) borders.add(style.getPropertyValue(`border-${side}-color`));
          }
        }
        return { text: [...text], backgrounds: [...backgrounds], borders: [...borders] };
      };
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      // epub.js is a global script; the page has no types for it.
      const book = (globalThis as any).ePub(bytes.buffer);
      await book.ready;
      const rendition = book.renderTo('viewer', { width: 400, height: 640, flow: 'scrolled-doc' });
      rendition.themes.default({ body: { color: night.color, background: night.background } });
      const documents = [];
      for (const item of book.spine.spineItems) {
        await rendition.display(item.href);
        const doc: Document = rendition.getContents()[0].document;
        await Promise.all([...doc.images].map((image) => image.decode().catch(() => undefined)));
        await doc.fonts.ready;
        documents.push({
          href: item.href as string,
          lang: doc.documentElement.lang,
          text: doc.body.innerText,
          images: [...doc.images].map((image) => ({ alt: image.getAttribute('alt'), role: image.getAttribute('role'), width: image.naturalWidth, height: image.naturalHeight })),
          fonts: [...new Set([...doc.fonts].filter((font) => font.status === 'loaded').map((font) => font.family.replace(/["']/g, '')))],
          colours: colours(doc),
        });
      }
      const navigation = await book.loaded.navigation;
      type NavItem = { label: string; subitems?: NavItem[] };
      const flatten = (items: NavItem[]): string[] => items.flatMap((item) => [item.label.trim(), ...flatten(item.subitems ?? [])]);
      const metadata = await book.loaded.metadata;
      return {
        metadata: { title: metadata.title, creator: metadata.creator, publisher: metadata.publisher, language: metadata.language },
        toc: flatten(navigation.toc),
        documents,
      };
    }, epub.toString('base64'), NIGHT);
    await page.close();
    return { ...reading, blocked };
  });
}
