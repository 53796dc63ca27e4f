import type { Site, SiteFile } from './browser/page-pool.ts';
import { fontFaceCss, loadFonts } from './fonts.ts';
import type { Publication } from './publication/publication.ts';
import { loadTemplate } from './templates.ts';

/** The style sheets the paper editions load; a web page carries its own in its head. */
const STYLESHEETS = ['article.css', 'pdf.css', 'press.css'] as const;

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
  assets.set('assets/favicon.svg', { bytes: await loadTemplate('favicon.svg'), contentType: 'image/svg+xml' });
  return assets;
}

/** The files a publication adds to the shared ones: its articles' images under media/<slug>/, an issue's cover. */
export function publicationMedia(publication: Pick<Publication, 'articles' | 'issue'>): Map<string, SiteFile> {
  const images = [...publication.articles.flatMap((article) => article.images), ...(publication.issue?.cover ? [publication.issue.cover] : [])];
  return new Map(images.map((image) => [image.url, { bytes: image.bytes, contentType: image.contentType }]));
}

/**
 * The media files a publication writes into the output folder: an article's images, an issue's cover.
 * An issue's articles write their own images, which its pages refer to.
 */
export function ownMedia(publication: Pick<Publication, 'kind' | 'articles' | 'issue'>): Map<string, SiteFile> {
  return publicationMedia(publication.kind === 'issue' ? { articles: [], ...(publication.issue ? { issue: publication.issue } : {}) } : publication);
}

/** A site of the shared assets, a publication's media and one page, for Chromium to render. */
export function siteFor(shared: ReadonlyMap<string, SiteFile>, publication: Pick<Publication, 'articles' | 'issue'>, pagePath: string, html: string): Site {
  return new Map([...shared, ...publicationMedia(publication), [pagePath, { bytes: html, contentType: 'text/html; charset=utf-8' }]]);
}
