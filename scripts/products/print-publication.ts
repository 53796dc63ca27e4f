import type { PDFOptions } from 'puppeteer-core';
import { sitePath, withSitePage } from '../browser/page-pool.ts';
import type { Publication } from '../publication/publication.ts';
import { siteFor, type StandIn } from '../site.ts';
import { paperMediaFor } from './product-media.ts';
import { escapeCssString, fillTemplate, loadTemplate } from '../templates.ts';
import type { BlockedRequests, RenderContext } from './pdf.ts';

/** How one paper edition is laid out: its stylesheet under templates/styles/, its HTML and Chromium's options. */
export interface PrintLayout {
  stylesheet: string;
  bodyClass: string;
  /** The publication as this edition prints it (see paperHtml). */
  html: string;
  /** The page Chromium renders, as CSS `size` values in millimetres; the stylesheet's where not given. */
  page?: { width: number; height: number };
  pdf: Pick<PDFOptions, 'outline' | 'tagged'>;
  /** Which edition's image files it shows, at that edition's resolution. */
  use: 'download' | 'press';
}

/** Chromium's PDF of a paper edition, whose JPEGs are stand-ins, with the files that take their place (see placed-images.ts). */
export interface Printed {
  bytes: Uint8Array;
  standIns: StandIn[];
}

/** In-page: the addresses of the images the document shows (none in a closed `<details>`, none hidden). */
const SHOWN_IMAGES = '[...document.images].filter((image) => image.getClientRects().length > 0 && image.checkVisibility({ visibilityProperty: true })).map((image) => image.currentSrc)';

/** The running head: the publisher of an article; the bulletin's name and number of an issue. */
function runningHead(publication: Publication): string {
  const { issue, labels } = publication;
  return issue ? `${issue.bulletin} · ${labels.issueNumber} ${issue.number}` : publication.publisher;
}

/**
 * Prints the publication with Chromium through templates/pdf.html: the page size and margins come from
 * the layout's stylesheet, the running head and page numbers from the template. Returns Chromium's PDF as is.
 */
export async function printPublication(publication: Publication, context: RenderContext, blocked: BlockedRequests, layout: PrintLayout): Promise<Printed> {
  const page = layout.page ? `@page { size: ${layout.page.width}mm ${layout.page.height}mm; } :root { --page-height: ${layout.page.height}mm; }` : '';
  const html = fillTemplate(
    await loadTemplate('pdf.html'),
    {
      lang: publication.lang,
      title: publication.title,
      article: layout.html,
      stylesheet: layout.stylesheet,
      bodyClass: publication.kind === 'issue' ? `${layout.bodyClass} issue` : layout.bodyClass,
      pageStyle: page,
      runningHead: escapeCssString(runningHead(publication)),
      pageLabel: escapeCssString(publication.labels.page),
    },
    'pdf.html',
  );
  // Every render's page sits at the site's top level, where the shared assets are found.
  const pagePath = `${publication.name.replace(/\//g, '--')}.${layout.bodyClass}.html`;
  const { media, standIns } = await paperMediaFor(publication, context, layout.use);
  const { result, blocked: refused } = await withSitePage(context.session, siteFor(context.shared, media, pagePath, html), pagePath, async (tab) => {
    const shown = new Set(((await tab.evaluate(SHOWN_IMAGES)) as string[]).map(sitePath));
    const bytes = await tab.pdf({ preferCSSPageSize: true, printBackground: true, ...layout.pdf, timeout: context.session.timeoutMs });
    // Each stand-in the page shows must be in its PDF as it is (see placeOriginals).
    return { bytes, standIns: standIns.filter((item) => shown.has(item.url)) };
  });
  blocked.push(...refused);
  return result;
}
