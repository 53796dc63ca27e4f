import { labelsFor } from '../labels.ts';
import type { Settings } from '../manuscript/settings-schema.ts';
import { siteAddress } from '../publication/publication.ts';
import { issuePlaces, renderArticleNavigation, type IssuePlace } from './article-navigation.ts';
import { renderFeed } from './feed.ts';
import { renderFrontPage, type IndexEntry } from './index-page.ts';
import type { ProductFile } from './pdf.ts';
import { renderSitemap } from './sitemap.ts';
import { renderDownloadBox } from './web.ts';
import { renderWebPage, type SiteInfo } from './web-page.ts';

/** The files of the site besides its pages, made only where the settings give the site's address. */
export const SITE_FILES: readonly string[] = ['feed.xml', 'sitemap.xml', 'robots.txt'];

/**
 * The site around the publications: the bulletin's name, description, address and language from the
 * settings; without them, the articles' own publisher and language where they all share one.
 */
export function siteInfo(settings: Settings | undefined, entries: readonly IndexEntry[]): SiteInfo {
  const only = (values: readonly string[]) => (new Set(values).size === 1 ? values[0] : undefined);
  const lang = settings?.lang ?? only(entries.map((entry) => entry.lang)) ?? 'en';
  const labels = labelsFor(lang);
  const url = settings?.url ? siteAddress(settings.url) : undefined;
  return {
    name: settings?.name ?? only(entries.map((entry) => entry.publisher)) ?? labels.publications,
    ...(settings?.description ? { description: settings.description } : {}),
    ...(url ? { url } : {}),
    lang,
    labels,
  };
}

/**
 * The web edition's pages made around every publication's content, with its place in the site: each
 * publication's page and, for a whole build, the front page, the feed and the sitemap. They are made
 * anew at each build from what the publications' records keep: an article's links to its issue and
 * neighbours change when an issue does, not when the article does.
 */
export async function renderSite(entries: readonly IndexEntry[], site: SiteInfo, whole: boolean): Promise<ProductFile[]> {
  const places = issuePlaces(entries);
  const pages = await Promise.all(entries.map((entry) => publicationPage(entry, site, places.get(entry.name) ?? [])));
  if (!whole) return pages;
  const front = await renderWebPage(
    {
      kind: 'front',
      path: 'index.html',
      lang: site.lang,
      title: site.name,
      description: site.description ?? site.labels.frontDescription.replace('{name}', site.name),
      keywords: [],
      alternates: [],
      main: await renderFrontPage(entries, site),
      navigation: '',
      downloads: '',
    },
    site,
  );
  const feed = renderFeed(entries, site);
  return [...pages, front, ...(feed ? [feed] : []), ...renderSitemap(entries, site)];
}

async function publicationPage(entry: IndexEntry, site: SiteInfo, places: readonly IssuePlace[]): Promise<ProductFile> {
  const path = `${entry.name}.html`;
  const labels = labelsFor(entry.lang);
  return renderWebPage(
    {
      kind: entry.kind,
      path,
      lang: entry.lang,
      title: entry.title,
      ...(entry.description ? { description: entry.description } : {}),
      author: entry.web.author,
      publisher: entry.publisher,
      keywords: entry.web.keywords,
      isoDate: entry.isoDate,
      ...(entry.web.image ? { image: entry.web.image } : {}),
      ...(entry.web.issueNumber !== undefined ? { issueNumber: entry.web.issueNumber } : {}),
      alternates: entry.downloads.filter((download) => download.use === 'read').map((download) => ({ path: download.name, type: download.type, title: download.label })),
      main: entry.web.main,
      navigation: await renderArticleNavigation(places, path, labels),
      downloads: await renderDownloadBox(entry.lang, labels, entry.title, entry.downloads, path),
    },
    site,
  );
}
