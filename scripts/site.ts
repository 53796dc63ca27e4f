import type { Site, SiteFile } from './browser/page-pool.ts';
import { fontFaceCss, loadFonts } from './fonts.ts';
import type { Article } from './manuscript/load-article.ts';
import { loadTemplate } from './templates.ts';

const STYLESHEETS = ['article.css', 'web.css', 'pdf.css', 'press.css'] as const;

/**
 * The files every edition shares, by their path in the output folder: fonts, their @font-face rules
 * and the stylesheets of templates/styles. Read once per build.
 */
export async function loadSharedAssets(): Promise<Map<string, SiteFile>> {
  const assets = new Map<string, SiteFile>();
  const fonts = await loadFonts();
  for (const font of fonts) assets.set(`assets/fonts/${font.fileName}`, { bytes: font.bytes, contentType: 'font/woff2' });
  assets.set('assets/fonts.css', { bytes: fontFaceCss(fonts, 'fonts/'), contentType: 'text/css' });
  for (const name of STYLESHEETS) assets.set(`assets/${name}`, { bytes: await loadTemplate(`styles/${name}`), contentType: 'text/css' });
  return assets;
}

/** The files one article adds to the shared ones: its images, under media/<slug>/. */
export function articleMedia(article: Article): Map<string, SiteFile> {
  return new Map(article.images.map((image) => [image.url, { bytes: image.bytes, contentType: image.contentType }]));
}

/** A site of the shared assets, an article's media and one page, for Chromium to render. */
export function siteFor(shared: ReadonlyMap<string, SiteFile>, article: Article, pagePath: string, html: string): Site {
  return new Map([...shared, ...articleMedia(article), [pagePath, { bytes: html, contentType: 'text/html; charset=utf-8' }]]);
}
