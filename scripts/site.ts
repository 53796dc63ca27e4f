import type { Site, SiteFile } from './browser/page-pool.ts';
import { fontFaceCss, loadFonts } from './fonts.ts';
import type { ImageStore } from './images/image-store.ts';
import type { ImageUse, PrintColumns } from './images/image-variants.ts';
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

const CONTENT_TYPES = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif' } as const;

/** The images a publication shows: its articles' and an issue's cover. */
function imagesOf(publication: Pick<Publication, 'articles' | 'issue'>) {
  return [...publication.articles.flatMap((article) => article.images), ...(publication.issue?.cover ? [publication.issue.cover] : [])];
}

/**
 * The files a publication's images give one product: its articles' images under media/<slug>/ and an
 * issue's cover, as `use` needs them (see images/image-variants.ts), by the URL the product refers to.
 */
export async function publicationMedia(publication: Pick<Publication, 'articles' | 'issue'>, images: ImageStore, use: ImageUse, columns: PrintColumns): Promise<Map<string, SiteFile>> {
  const files = (await Promise.all(imagesOf(publication).map((image) => images.files(image, use, columns)))).flat();
  return new Map(files.map(({ variant, bytes }) => [variant.url, { bytes, contentType: CONTENT_TYPES[variant.format] }]));
}

/**
 * The image files a publication writes into the output folder: the web edition's, under media/, and
 * every product's in the image cache, for the next build. An article writes its images, an issue its
 * cover; an issue's pages refer to its articles' images.
 */
export async function ownMedia(publication: Pick<Publication, 'kind' | 'articles' | 'issue'>, images: ImageStore, columns: PrintColumns): Promise<Map<string, SiteFile>> {
  const own = publication.kind === 'issue' ? { articles: [], ...(publication.issue ? { issue: publication.issue } : {}) } : publication;
  const cache = (await Promise.all(imagesOf(own).map((image) => images.cacheFiles(image, columns)))).flat();
  return new Map([...(await publicationMedia(own, images, 'web', columns)), ...cache.map((file) => [file.name, { bytes: file.bytes, contentType: 'application/octet-stream' }] as const)]);
}

/** A site of the shared assets, a publication's media and one page, for Chromium to render. */
export function siteFor(shared: ReadonlyMap<string, SiteFile>, media: ReadonlyMap<string, SiteFile>, pagePath: string, html: string): Site {
  return new Map([...shared, ...media, [pagePath, { bytes: html, contentType: 'text/html; charset=utf-8' }]]);
}
