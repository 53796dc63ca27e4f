import type { Article } from '../manuscript/load-article.ts';
import { labelsFor } from '../labels.ts';
import { fillTemplate, loadTemplate } from '../templates.ts';
import { TOOL_LABEL } from '../tool.ts';
import { articleValues } from './article-html.ts';
import type { ProductFile } from './pdf.ts';
import { renderDownloads, type Download } from './web.ts';

/** The index of the output folder: every publication, newest first, with its download links. */
export async function renderIndex(entries: readonly { article: Article; downloads: readonly Download[] }[]): Promise<ProductFile> {
  const sorted = [...entries].sort((a, b) => b.article.matter.date.localeCompare(a.article.matter.date) || a.article.slug.localeCompare(b.article.slug));
  const itemTemplate = await loadTemplate('index-item.html');
  const items: string[] = [];
  for (const { article, downloads } of sorted) {
    items.push(
      fillTemplate(itemTemplate, { ...articleValues(article), href: `${article.slug}.html`, downloads: await renderDownloads(article, downloads) }, 'index-item.html'),
    );
  }
  const langs = new Set(sorted.map((entry) => entry.article.matter.lang));
  const lang = langs.size === 1 ? [...langs][0] ?? 'en' : 'en';
  const html = fillTemplate(await loadTemplate('index.html'), { lang, heading: labelsFor(lang).publications, generator: TOOL_LABEL, items: items.join('\n') }, 'index.html');
  return { name: 'index.html', bytes: html };
}
