import { Feed } from 'feed';
import { escapeHtml } from '../templates.ts';
import { TOOL_LABEL } from '../tool.ts';
import { newestFirst, type IndexEntry } from './index-page.ts';
import { absoluteUrl } from './page-metadata.ts';
import type { ProductFile } from './pdf.ts';
import type { SiteInfo } from './web-page.ts';

/** The date of a publication as the feed gives it: its day, at midnight UTC. */
const dayOf = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);

/**
 * The site's Atom feed, newest first: every issue and article with its page, date, description and
 * picture. Only where the settings give the site's address: a feed's links must be absolute. It is as
 * new as its newest publication, so that the same manuscript gives the same bytes.
 */
export function renderFeed(entries: readonly IndexEntry[], site: SiteInfo): ProductFile | undefined {
  const home = absoluteUrl(site, '');
  if (!home) return undefined;
  const at = (path: string) => new URL(path, home).href;
  const sorted = [...entries].sort(newestFirst);
  const feed = new Feed({
    id: home,
    link: home,
    title: site.name,
    ...(site.description ? { description: site.description } : {}),
    language: site.lang,
    updated: dayOf(sorted[0]?.isoDate ?? '1970-01-01'),
    generator: TOOL_LABEL,
    feedLinks: { atom: at('feed.xml') },
    favicon: at('assets/favicon.svg'),
    copyright: site.name,
  });
  for (const entry of sorted) {
    const link = at(`${entry.name}.html`);
    // The library marks an entry's title and summary as HTML: plain text goes in escaped.
    const image = entry.web.image ? at(entry.web.image.url) : undefined;
    feed.addItem({
      title: escapeHtml(entry.title),
      id: link,
      link,
      date: dayOf(entry.isoDate),
      published: dayOf(entry.isoDate),
      ...(entry.description ? { description: escapeHtml(entry.description) } : {}),
      author: [{ name: entry.web.author }],
      ...(image ? { image } : {}),
    });
  }
  return { name: 'feed.xml', bytes: feed.atom1() };
}
