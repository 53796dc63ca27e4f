import { escapeHtml } from '../templates.ts';
import { TOOL_LABEL } from '../tool.ts';
import { hrefFrom, type WebImage } from './web.ts';
import type { SiteInfo } from './web-page.ts';

/** What a page's head says of it to search engines, feed readers and the apps a link is shared in. */
export interface PageMetadata {
  kind: 'article' | 'issue' | 'front';
  /** Its path in the output folder. */
  path: string;
  lang: string;
  /** The headline: an article's title, an issue's name and number, the site's name. */
  title: string;
  description?: string;
  author?: string;
  publisher?: string;
  keywords: readonly string[];
  /** The publication date, YYYY-MM-DD. */
  isoDate?: string;
  image?: WebImage;
  /** The other editions a reader may take instead of the page: the PDF, the EPUB. */
  alternates: readonly { path: string; type: string; title: string }[];
  /** An issue's number, in its bulletin. */
  issueNumber?: number;
}

/** The longest page title a search result shows whole. */
const TITLE_LENGTH = 70;

/** The page's title: the headline, then the site's name where both fit in a search result's line. */
export function pageTitle(headline: string, siteName: string): string {
  const both = `${headline} – ${siteName}`;
  if (headline === siteName || both.length > TITLE_LENGTH) return shorten(headline, TITLE_LENGTH);
  return both;
}

function shorten(text: string, length: number): string {
  if (text.length <= length) return text;
  const cut = text.slice(0, length - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), length / 2)).trimEnd()}…`;
}

/** The absolute address of a path of the output folder, where the site's address is known. */
export function absoluteUrl(site: Pick<SiteInfo, 'url'>, path: string): string | undefined {
  return site.url ? new URL(path, site.url).href : undefined;
}

/**
 * The head of a page after its title: description and keywords; the canonical address; links to the
 * PDF, the EPUB and the feed; Open Graph and Twitter card tags; Dublin Core's date; and schema.org's
 * description of it as JSON-LD (a NewsArticle, a PublicationIssue, the WebSite).
 */
export function pageHead(page: PageMetadata, site: SiteInfo): string {
  const url = absoluteUrl(site, page.path === 'index.html' ? '' : page.path);
  const image = page.image && absoluteUrl(site, page.image.url);
  const title = pageTitle(page.title, site.name);
  const meta = (name: string, content: string | undefined) => (content ? [`<meta name="${name}" content="${escapeHtml(content)}">`] : []);
  const property = (name: string, content: string | number | undefined) => (content !== undefined && content !== '' ? [`<meta property="${name}" content="${escapeHtml(String(content))}">`] : []);
  const link = (rel: string, href: string | undefined, extra = '') => (href ? [`<link rel="${rel}" href="${escapeHtml(href)}"${extra}>`] : []);
  const lines = [
    `<title>${escapeHtml(title)}</title>`,
    ...meta('description', page.description),
    ...meta('author', page.author),
    ...meta('keywords', page.keywords.join(', ')),
    ...meta('generator', TOOL_LABEL),
    ...meta('dcterms.date', page.isoDate),
    ...link('canonical', url),
    ...page.alternates.flatMap((alternate) => link('alternate', hrefFrom(page.path, alternate.path), ` type="${alternate.type}" title="${escapeHtml(alternate.title)}"`)),
    ...(site.url ? link('alternate', hrefFrom(page.path, 'feed.xml'), ` type="application/atom+xml" title="${escapeHtml(site.name)}"`) : []),
    ...property('og:type', page.kind === 'article' ? 'article' : 'website'),
    ...property('og:site_name', site.name),
    ...property('og:title', page.title),
    ...property('og:description', page.description),
    ...property('og:url', url),
    // Open Graph's locale is a language and a territory (vi_VN); a bare language has none to give.
    ...property('og:locale', page.lang.includes('-') ? page.lang.replace('-', '_') : undefined),
    ...(image && page.image
      ? [...property('og:image', image), ...property('og:image:width', page.image.width), ...property('og:image:height', page.image.height), ...property('og:image:alt', page.image.alt)]
      : []),
    ...(page.kind === 'article' ? [...property('article:published_time', page.isoDate), ...property('article:author', page.author), ...page.keywords.flatMap((keyword) => property('article:tag', keyword))] : []),
    ...meta('twitter:card', image ? 'summary_large_image' : 'summary'),
    ...meta('twitter:title', page.title),
    ...meta('twitter:description', page.description),
    ...meta('twitter:image', image),
    `<script type="application/ld+json">${jsonForScript(structuredData(page, site, url, image))}</script>`,
  ];
  return lines.join('\n');
}

/** schema.org's description of the page. */
function structuredData(page: PageMetadata, site: SiteInfo, url: string | undefined, image: string | undefined): Record<string, unknown> {
  const organisation = (name: string | undefined) => (name ? { '@type': 'Organization', name } : undefined);
  const common = { '@context': 'https://schema.org', inLanguage: page.lang, ...(url ? { url } : {}), ...(page.description ? { description: page.description } : {}) };
  if (page.kind === 'front') return { ...common, '@type': 'WebSite', name: site.name };
  const dated = { datePublished: page.isoDate, publisher: organisation(page.publisher), ...(image ? { image: [image] } : {}) };
  if (page.kind === 'issue') {
    return { ...common, '@type': 'PublicationIssue', name: page.title, issueNumber: page.issueNumber, ...dated, isPartOf: { '@type': 'Periodical', name: site.name } };
  }
  const author = page.author && page.author !== page.publisher ? { '@type': 'Person', name: page.author } : organisation(page.publisher);
  return {
    ...common,
    '@type': 'NewsArticle',
    headline: page.title,
    ...dated,
    author,
    ...(page.keywords.length > 0 ? { keywords: page.keywords.join(', ') } : {}),
    ...(url ? { mainEntityOfPage: url } : {}),
  };
}

/** JSON inside a <script> element: nothing in it may close the element or open a comment. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}
