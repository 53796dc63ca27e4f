import type { PDFOptions } from 'puppeteer-core';
import { withSitePage } from '../browser/page-pool.ts';
import type { Article } from '../manuscript/load-article.ts';
import { siteFor } from '../site.ts';
import { escapeCssString, fillTemplate, loadTemplate } from '../templates.ts';
import { articleValues, renderArticle } from './article-html.ts';
import type { BlockedRequests, RenderContext } from './pdf.ts';

/** How one paper edition is laid out: its stylesheet under templates/styles/, its body and Chromium's options. */
export interface PrintLayout {
  stylesheet: string;
  bodyClass: string;
  body: string;
  pdf: Pick<PDFOptions, 'outline' | 'tagged'>;
}

/**
 * Prints the article with Chromium through templates/pdf.html: the page size and margins come from the
 * layout's stylesheet, the running head and page numbers from the template. Returns Chromium's PDF as is.
 */
export async function printArticle(article: Article, context: RenderContext, blocked: BlockedRequests, layout: PrintLayout): Promise<Uint8Array> {
  const html = fillTemplate(
    await loadTemplate('pdf.html'),
    {
      ...articleValues(article),
      article: await renderArticle(article, layout.body),
      stylesheet: layout.stylesheet,
      bodyClass: layout.bodyClass,
      runningHead: escapeCssString(article.matter.publisher),
      pageLabel: escapeCssString(article.labels.page),
    },
    'pdf.html',
  );
  const pagePath = `${article.slug}.${layout.bodyClass}.html`;
  const { result, blocked: refused } = await withSitePage(context.session, siteFor(context.shared, article, pagePath, html), pagePath, (page) =>
    page.pdf({ preferCSSPageSize: true, printBackground: true, ...layout.pdf, timeout: context.session.timeoutMs }),
  );
  blocked.push(...refused);
  return result;
}
