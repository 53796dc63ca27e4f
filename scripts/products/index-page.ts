import type { IndexEntry } from '../cache.ts';
import { labelsFor } from '../labels.ts';
import { fillTemplate, loadTemplate } from '../templates.ts';
import { TOOL_LABEL } from '../tool.ts';
import { articleValues } from './article-html.ts';
import type { ProductFile } from './pdf.ts';
import { renderDownloads } from './web.ts';

/** The index of the output folder: every publication, newest first, with its download links. */
export async function renderIndex(entries: readonly IndexEntry[]): Promise<ProductFile> {
  const sorted = [...entries].sort((a, b) => b.matter.date.localeCompare(a.matter.date) || a.slug.localeCompare(b.slug));
  const itemTemplate = await loadTemplate('index-item.html');
  const items: string[] = [];
  for (const { slug, matter, downloads } of sorted) {
    const values = articleValues({ matter, labels: labelsFor(matter.lang) });
    items.push(fillTemplate(itemTemplate, { ...values, href: `${slug}.html`, downloads: await renderDownloads(matter.lang, downloads) }, 'index-item.html'));
  }
  const langs = new Set(sorted.map((entry) => entry.matter.lang));
  const lang = langs.size === 1 ? [...langs][0] ?? 'en' : 'en';
  const html = fillTemplate(await loadTemplate('index.html'), { lang, heading: labelsFor(lang).publications, generator: TOOL_LABEL, items: items.join('\n') }, 'index.html');
  return { name: 'index.html', bytes: html };
}
