import { labelsFor } from '../labels.ts';
import { fillTemplate, loadTemplate } from '../templates.ts';
import { displayDate, unbreakableCodesHtml } from './article-html.ts';
import { renderDownloads, type Download, type WebContent } from './web.ts';
import type { SiteInfo } from './web-page.ts';

/** What the site needs of a publication, whether it was rendered now or earlier: kept in its record. */
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
  web: WebContent;
}

/** Newest first; by name among those of one day. */
export function newestFirst(a: IndexEntry, b: IndexEntry): number {
  return b.isoDate.localeCompare(a.isoDate) || a.name.localeCompare(b.name);
}

/** The front page's content: the site's name and description, the issues, then the articles, newest first, each with its downloads. */
export async function renderFrontPage(entries: readonly IndexEntry[], site: SiteInfo): Promise<string> {
  const itemTemplate = await loadTemplate('index-item.html');
  const sections: string[] = [];
  for (const [kind, heading] of [['issue', site.labels.issues], ['article', site.labels.articles]] as const) {
    const items: string[] = [];
    for (const entry of entries.filter((candidate) => candidate.kind === kind).sort(newestFirst)) {
      const labels = labelsFor(entry.lang);
      const values = {
        lang: entry.lang,
        publisher: entry.publisher,
        isoDate: entry.isoDate,
        displayDate: displayDate({ lang: entry.lang, date: entry.isoDate }),
        titleHtml: unbreakableCodesHtml(entry.title),
        description: entry.description ?? '',
        descriptionHtml: unbreakableCodesHtml(entry.description ?? ''),
        href: `${entry.name}.html`,
        read: await renderDownloads(entry.lang, entry.title, entry.downloads, 'index.html', 'read'),
        print: await renderDownloads(entry.lang, entry.title, entry.downloads, 'index.html', 'print'),
        printHeading: labels.downloadForPrinting,
      };
      items.push(fillTemplate(itemTemplate, values, 'index-item.html'));
    }
    if (items.length > 0) sections.push(fillTemplate(await loadTemplate('index-section.html'), { kind, heading, items: items.join('\n') }, 'index-section.html'));
  }
  return fillTemplate(await loadTemplate('index.html'), { heading: site.name, description: site.description ?? '', sections: sections.join('\n') }, 'index.html');
}
