import type { Site, SiteFile } from './browser/page-pool.ts';
import { fontFaceCss, loadFonts } from './fonts.ts';
import type { CacheFile, ImageStore, PaperFile } from './images/image-store.ts';
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

/** A JPEG of a paper edition: the stand-in Chromium is given at `url`, and the file the PDF takes in its place. */
export interface StandIn {
  url: string;
  standIn: Uint8Array;
  bytes: Uint8Array;
}

/**
 * The files a publication's images give a paper edition, as Chromium prints them: each article's JPEG
 * as its stand-in (see ImageStore.paperFiles), listed with the file that replaces it in the PDF. An
 * issue's cover photo is given as it is: the front page crops it (object-fit), and Chromium embeds a
 * cropped image as the pixels it shows, which a stand-in would make grey.
 */
export async function paperMedia(publication: Pick<Publication, 'articles' | 'issue'>, images: ImageStore, use: 'download' | 'press', columns: PrintColumns): Promise<{ media: Map<string, SiteFile>; standIns: StandIn[] }> {
  const cover = publication.issue?.cover ? await images.files(publication.issue.cover, use, columns) : [];
  const files: PaperFile[] = [...(await Promise.all(publication.articles.flatMap((article) => article.images).map((image) => images.paperFiles(image, use, columns)))).flat(), ...cover];
  const media = new Map(files.map(({ variant, bytes, standIn }) => [variant.url, { bytes: standIn ?? bytes, contentType: CONTENT_TYPES[variant.format] }]));
  return { media, standIns: files.flatMap(({ variant, bytes, standIn }) => (standIn ? [{ url: variant.url, standIn, bytes }] : [])) };
}

/** What of a publication has its images' files kept with it: an article all of it, an issue its cover (its pages refer to its articles' images). */
function ownPart(publication: Pick<Publication, 'kind' | 'articles' | 'issue'>): Pick<Publication, 'articles' | 'issue'> {
  return publication.kind === 'issue' ? { articles: [], ...(publication.issue ? { issue: publication.issue } : {}) } : publication;
}

/** The web edition's files of a publication's own images, under media/ (see ownPart). */
export function ownWebMedia(publication: Pick<Publication, 'kind' | 'articles' | 'issue'>, images: ImageStore, columns: PrintColumns): Promise<Map<string, SiteFile>> {
  return publicationMedia(ownPart(publication), images, 'web', columns);
}

/**
 * The image cache's files of a publication's own images, for the next build (with the bytes of those
 * this build made): asked for once its products are made.
 */
export function ownCacheFiles(publication: Pick<Publication, 'kind' | 'articles' | 'issue'>, images: ImageStore): CacheFile[] {
  return imagesOf(ownPart(publication)).flatMap((image) => images.cacheFiles(image));
}

/** A site of the shared assets, a publication's media and one page, for Chromium to render. */
export function siteFor(shared: ReadonlyMap<string, SiteFile>, media: ReadonlyMap<string, SiteFile>, pagePath: string, html: string): Site {
  return new Map([...shared, ...media, [pagePath, { bytes: html, contentType: 'text/html; charset=utf-8' }]]);
}
