import { posix } from 'node:path';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { webFallback } from '../images/image-variants.ts';
import type { Labels } from '../labels.ts';
import type { Article } from '../manuscript/load-article.ts';
import { resolveArticleLinks } from '../markdown/article-links.ts';
import type { Publication } from '../publication/publication.ts';
import { fillTemplate, loadTemplate } from '../templates.ts';
import { renderArticle } from './article-html.ts';
import { issueFront } from './publication-html.ts';
import { withPictures } from './web-pictures.ts';

/** A product a reader can download from the web edition, by its path in the output folder. */
export interface Download {
  name: string;
  label: string;
  format: string;
  type: string;
  size: number;
  /** What it is for: reading on a screen, or printing the bulletin on paper. */
  use: 'read' | 'print';
}

/** A picture of a publication, by its path in the output folder: what a shared link shows. */
export interface WebImage {
  url: string;
  width: number;
  height: number;
  alt: string;
}

/**
 * What the site needs of a publication's web edition, made with its other products and kept in its
 * record, so that the site's pages can be made again around it without rendering it again.
 */
export interface WebContent {
  /** The article, or the issue's masthead and contents: HTML with links relative to the publication's page. */
  main: string;
  author: string;
  keywords: string[];
  /** An issue's cover, or an article's first photo. */
  image?: WebImage;
  /** An issue's articles, by their products' names, in the issue's order. */
  articles?: string[];
  /** An issue's number in its bulletin. */
  issueNumber?: number;
}

/** "1,2 MB" or "312 kB", in the article's language. */
export function formatSize(bytes: number, lang: string): string {
  const format = (value: number, digits: number) => new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(value);
  return bytes >= 1_000_000 ? `${format(bytes / 1_000_000, 1)} MB` : `${format(Math.max(1, Math.round(bytes / 1000)), 0)} kB`;
}

/**
 * The download links of a publication's products, each with its format and size, linked from the page at
 * `from`, for reading then for printing. Each link's name ends with the publication's title, hidden from
 * the eye, so that a page of many publications gives each link a name of its own.
 */
export async function renderDownloads(lang: string, title: string, downloads: readonly Download[], from: string, use: Download['use']): Promise<string> {
  const template = await loadTemplate('download-item.html');
  return downloads
    .filter((download) => download.use === use)
    .map((download) =>
      fillTemplate(
        template,
        {
          href: hrefFrom(from, download.name),
          label: download.label,
          title,
          format: download.format,
          type: download.type,
          size: formatSize(download.size, lang),
          // A PDF opens in the browser; an EPUB is for a reading app.
          download: download.type === 'application/pdf' ? '' : 'download',
        },
        'download-item.html',
      ).trimEnd(),
    )
    .join('\n');
}

/** The box of download links under a publication's page: the editions to read and keep, then those to print. */
export async function renderDownloadBox(lang: string, labels: Labels, title: string, downloads: readonly Download[], from: string): Promise<string> {
  if (downloads.length === 0) return '';
  return fillTemplate(
    await loadTemplate('downloads.html'),
    {
      heading: labels.download,
      printHeading: labels.downloadForPrinting,
      read: await renderDownloads(lang, title, downloads, from, 'read'),
      print: await renderDownloads(lang, title, downloads, from, 'print'),
    },
    'downloads.html',
  );
}

/** The relative address of `target` from the page `from`, both paths in the output folder. */
export function hrefFrom(from: string, target: string): string {
  return posix.relative(posix.dirname(from), target);
}

/**
 * The web edition's content: an article as every edition prints it, its links to other articles made
 * links to their pages; an issue as its masthead and contents, each entry linking to the article's page.
 */
export async function renderWebContent(publication: Publication, slugs: ReadonlyMap<string, string>): Promise<WebContent> {
  const page = `${publication.name}.html`;
  const common = { author: publication.author, keywords: publication.keywords };
  if (publication.kind === 'issue') {
    const cover = publication.issue?.cover;
    const items = publication.articles.map((article) => ({ href: hrefFrom(page, `${article.slug}.html`), title: article.matter.title, page: '' }));
    const href = (url: string) => hrefFrom(page, url);
    const front = await issueFront(publication, items, cover ? href(cover.url) : undefined, 'h1');
    const main = cover ? withPictures(front, [cover], href) : front;
    const fallback = cover && webFallback(cover);
    const image = fallback ? { url: fallback.url, width: fallback.width, height: fallback.height, alt: '' } : undefined;
    const issueNumber = publication.issue?.number;
    return { main, ...common, ...(image ? { image } : {}), articles: publication.articles.map((article) => article.slug), ...(issueNumber !== undefined ? { issueNumber } : {}) };
  }
  const [article] = publication.articles as [Article];
  const body = resolveArticleLinks(article.body, (manuscript, fragment) => {
    const slug = slugs.get(manuscript);
    return slug === undefined ? undefined : `${hrefFrom(page, `${slug}.html`)}${fragment ? `#${fragment}` : ''}`;
  });
  const photo = article.images.find((image) => image.width > 0 && image.height > 0);
  const fallback = photo && webFallback(photo);
  const image = photo && fallback ? { url: fallback.url, width: fallback.width, height: fallback.height, alt: altOf(article.body, photo.url) } : undefined;
  return { main: await renderArticle(article, withPictures(body, article.images, (url) => hrefFrom(page, url))), ...common, ...(image ? { image } : {}) };
}

/** The alt text the article's body gives the image at `url`, read as a browser reads it. */
function altOf(body: string, url: string): string {
  let alt = '';
  visit(unified().use(rehypeParse, { fragment: true }).parse(body), 'element', (node) => {
    if (node.tagName !== 'img' || node.properties.src !== url || alt) return;
    alt = typeof node.properties.alt === 'string' ? node.properties.alt : '';
  });
  return alt;
}
