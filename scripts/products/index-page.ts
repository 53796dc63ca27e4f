import { labelsFor } from '../labels.ts';
import { fillTemplate, loadTemplate } from '../templates.ts';
import { TOOL_LABEL } from '../tool.ts';
import { displayDate, unbreakableCodesHtml } from './article-html.ts';
import type { ProductFile } from './pdf.ts';
import { renderDownloads, type Download } from './web.ts';

/** What the index needs of a publication, whether it was rendered now or earlier. */
export interface IndexEntry {
  kind: 'article' | 'issue';
  /** The products' path without extension, as Publication.name. */
  name: string;
  title: string;
  lang: string;
  isoDate: string;
  publisher: string;
  description?: string;
  downloads: Download[];
}

/** The index of the output folder: the issues, newest first, then every article, newest first, each with its download links. */
export async function renderIndex(entries: readonly IndexEntry[]): Promise<ProductFile> {
  const newestFirst = (a: IndexEntry, b: IndexEntry) => b.isoDate.localeCompare(a.isoDate) || a.name.localeCompare(b.name);
  const langs = new Set(entries.map((entry) => entry.lang));
  const lang = langs.size === 1 ? ([...langs][0] ?? 'en') : 'en';
  const labels = labelsFor(lang);
  const itemTemplate = await loadTemplate('index-item.html');
  const sections: string[] = [];
  for (const [kind, heading] of [['issue', labels.issues], ['article', labels.articles]] as const) {
    const items: string[] = [];
    for (const entry of entries.filter((candidate) => candidate.kind === kind).sort(newestFirst)) {
      const values = {
        lang: entry.lang,
        publisher: entry.publisher,
        isoDate: entry.isoDate,
        displayDate: displayDate({ lang: entry.lang, date: entry.isoDate }),
        titleHtml: unbreakableCodesHtml(entry.title),
        description: entry.description ?? '',
        descriptionHtml: unbreakableCodesHtml(entry.description ?? ''),
        href: `${entry.name}.html`,
        downloads: await renderDownloads(entry.lang, entry.downloads),
      };
      items.push(fillTemplate(itemTemplate, values, 'index-item.html'));
    }
    if (items.length > 0) sections.push(fillTemplate(await loadTemplate('index-section.html'), { kind, heading, items: items.join('\n') }, 'index-section.html'));
  }
  const html = fillTemplate(await loadTemplate('index.html'), { lang, heading: labels.publications, generator: TOOL_LABEL, sections: sections.join('\n') }, 'index.html');
  return { name: 'index.html', bytes: html };
}
