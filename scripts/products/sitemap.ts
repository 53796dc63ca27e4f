import { escapeHtml } from '../templates.ts';
import { newestFirst, type IndexEntry } from './index-page.ts';
import { absoluteUrl } from './page-metadata.ts';
import type { ProductFile } from './pdf.ts';
import type { SiteInfo } from './web-page.ts';

/**
 * The sitemap of the site's pages (the front page, each issue and article with its date) and, for a site at
 * its host's root, the robots.txt that points to it; only where the settings give the site's address, as both need it.
 */
export function renderSitemap(entries: readonly IndexEntry[], site: SiteInfo): ProductFile[] {
  const home = absoluteUrl(site, '');
  if (!home) return [];
  const sorted = [...entries].sort(newestFirst);
  const url = (loc: string, lastmod?: string) => `  <url><loc>${escapeHtml(loc)}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</url>`;
  const urls = [url(home, sorted[0]?.isoDate), ...sorted.map((entry) => url(absoluteUrl(site, `${entry.name}.html`) as string, entry.isoDate))];
  const sitemap = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...urls, '</urlset>', ''].join('\n');
  // Crawlers read robots.txt only at a host's root.
  const atRoot = new URL(home).pathname === '/';
  const robots = `User-agent: *\nAllow: /\nSitemap: ${absoluteUrl(site, 'sitemap.xml')}\n`;
  return [{ name: 'sitemap.xml', bytes: sitemap }, ...(atRoot ? [{ name: 'robots.txt', bytes: robots }] : [])];
}
