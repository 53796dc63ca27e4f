import type { Labels } from '../labels.ts';
import { siteRoot } from '../publication/publication.ts';
import { fillTemplate, loadTemplate } from '../templates.ts';
import { pageHead, type PageMetadata } from './page-metadata.ts';
import type { ProductFile } from './pdf.ts';
import { fontPreloads, pageStyles } from './web-styles.ts';

/** The site every page belongs to: the bulletin's settings, or what the articles alone say. */
export interface SiteInfo {
  name: string;
  description?: string;
  /** The site's address, ending in `/`, where the settings give one. */
  url?: string;
  lang: string;
  labels: Labels;
}

/** One page of the web edition: what it shows, and what its head says of it. */
export interface WebPage extends PageMetadata {
  main: string;
  /** The links to the issues that hold an article, and to the articles around it there. */
  navigation: string;
  downloads: string;
}

/**
 * A page of the web edition: the site's nameplate, linking to the front page, over the publication's
 * content, its place in the site and its downloads; one style sheet in its head and no other request
 * before the text shows.
 */
export async function renderWebPage(page: WebPage, site: SiteInfo): Promise<ProductFile> {
  const root = siteRoot({ name: page.path });
  const values = {
    lang: page.lang,
    root,
    // The front page carries the site's name as its headline: the nameplate would only repeat it.
    siteName: page.kind === 'front' ? '' : site.name,
    head: pageHead(page, site),
    preloads: await fontPreloads(page.lang, root),
    css: await pageStyles(root),
    main: page.main,
    navigation: page.navigation,
    downloads: page.downloads,
  };
  return { name: page.path, bytes: fillTemplate(await loadTemplate('web.html'), values, 'web.html') };
}
