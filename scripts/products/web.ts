import { posix } from 'node:path';
import type { Article } from '../manuscript/load-article.ts';
import { resolveArticleLinks } from '../markdown/article-links.ts';
import { siteRoot, type Publication } from '../publication/publication.ts';
import { fillTemplate, loadTemplate } from '../templates.ts';
import { TOOL_LABEL } from '../tool.ts';
import { articleValues, renderArticle } from './article-html.ts';
import type { ProductFile } from './pdf.ts';
import { issueFront } from './publication-html.ts';

/** A product a reader can download from the web edition, by its path in the output folder. */
export interface Download {
  name: string;
  label: string;
  format: string;
  type: string;
  size: number;
}

/** "1,2 MB" or "312 kB", in the article's language. */
export function formatSize(bytes: number, lang: string): string {
  const format = (value: number, digits: number) => new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(value);
  return bytes >= 1_000_000 ? `${format(bytes / 1_000_000, 1)} MB` : `${format(Math.max(1, Math.round(bytes / 1000)), 0)} kB`;
}

/** The download links of a publication's products, each with its format and size, linked from the page at `from`. */
export async function renderDownloads(lang: string, downloads: readonly Download[], from = 'index.html'): Promise<string> {
  const template = await loadTemplate('download-item.html');
  return downloads
    .map((download) =>
      fillTemplate(
        template,
        { href: hrefFrom(from, download.name), label: download.label, format: download.format, type: download.type, size: formatSize(download.size, lang) },
        'download-item.html',
      ).trimEnd(),
    )
    .join('\n');
}

/** The relative address of `target` from the page `from`, both paths in the output folder. */
export function hrefFrom(from: string, target: string): string {
  return posix.relative(posix.dirname(from), target);
}

/**
 * The web edition, with links to download the other editions: an article on one responsive page; an
 * issue as its masthead and contents, each entry linking to the article's own web edition.
 */
export async function renderWebEdition(publication: Publication, downloads: readonly Download[], slugs: ReadonlyMap<string, string>): Promise<ProductFile> {
  const page = `${publication.name}.html`;
  const values = {
    lang: publication.lang,
    title: publication.title,
    publisher: publication.publisher,
    description: publication.description ?? '',
    keywords: publication.keywords.join(', '),
    author: publication.author,
    root: siteRoot(publication),
    generator: TOOL_LABEL,
    downloadLabel: publication.labels.download,
    downloads: await renderDownloads(publication.lang, downloads, page),
  };
  if (publication.kind === 'issue') {
    const items = publication.articles.map((article) => ({ href: hrefFrom(page, `${article.slug}.html`), title: article.matter.title, page: '' }));
    const front = await issueFront(publication, items, publication.issue?.cover ? hrefFrom(page, publication.issue.cover.url) : undefined);
    return { name: page, bytes: fillTemplate(await loadTemplate('web.html'), { ...values, article: front }, 'web.html') };
  }
  const [article] = publication.articles as [Article];
  const body = resolveArticleLinks(article.body, (manuscript, fragment) => {
    const slug = slugs.get(manuscript);
    return slug === undefined ? undefined : `${hrefFrom(page, `${slug}.html`)}${fragment ? `#${fragment}` : ''}`;
  });
  return { name: page, bytes: fillTemplate(await loadTemplate('web.html'), { ...values, ...articleValues(article), article: await renderArticle(article, body) }, 'web.html') };
}
