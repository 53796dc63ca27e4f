import type { Article } from '../manuscript/load-article.ts';
import { fillTemplate, loadTemplate } from '../templates.ts';
import { TOOL_LABEL } from '../tool.ts';
import { articleValues, renderArticle } from './article-html.ts';
import type { ProductFile } from './pdf.ts';

/** A product a reader can download from the web edition. */
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

/** The download links of an article's products, each with its format and size. */
export async function renderDownloads(lang: string, downloads: readonly Download[], base = ''): Promise<string> {
  const template = await loadTemplate('download-item.html');
  return downloads
    .map((download) =>
      fillTemplate(
        template,
        { href: base + download.name, label: download.label, format: download.format, type: download.type, size: formatSize(download.size, lang) },
        'download-item.html',
      ).trimEnd(),
    )
    .join('\n');
}

/** The web edition: the article on one responsive page, with links to download the other editions. */
export async function renderWebEdition(article: Article, downloads: readonly Download[]): Promise<ProductFile> {
  const html = fillTemplate(
    await loadTemplate('web.html'),
    {
      ...articleValues(article),
      generator: TOOL_LABEL,
      article: await renderArticle(article),
      downloadLabel: article.labels.download,
      downloads: await renderDownloads(article.matter.lang, downloads),
    },
    'web.html',
  );
  return { name: `${article.slug}.html`, bytes: html };
}
