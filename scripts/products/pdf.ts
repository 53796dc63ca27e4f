import { withSitePage, type BrowserSession, type SiteFile } from '../browser.ts';
import type { Article } from '../manuscript/load-article.ts';
import { siteFor } from '../site.ts';
import { escapeCssString, fillTemplate, loadTemplate } from '../templates.ts';
import { articleValues, renderArticle } from './article-html.ts';
import { finishPdf } from './finish-pdf.ts';

/** What rendering a product needs besides the article: the build's one browser and shared files. */
export interface RenderContext {
  session: BrowserSession;
  shared: ReadonlyMap<string, SiteFile>;
}

/** A file a product adds to the output folder. */
export interface ProductFile {
  name: string;
  bytes: Uint8Array | string;
}

/** Requests a render tried to make outside the build's own files; each becomes a warning. */
export type BlockedRequests = string[];

/** The download PDF: A4, tagged, with bookmarks, running head, page numbers and full metadata. */
export async function renderDownloadPdf(article: Article, context: RenderContext, blocked: BlockedRequests): Promise<ProductFile> {
  const html = fillTemplate(
    await loadTemplate('pdf.html'),
    {
      ...articleValues(article),
      article: await renderArticle(article),
      stylesheet: 'pdf.css',
      bodyClass: 'download',
      runningHead: escapeCssString(article.matter.publisher),
      pageLabel: escapeCssString(article.labels.page),
    },
    'pdf.html',
  );
  const pagePath = `${article.slug}.pdf.html`;
  const { result, blocked: refused } = await withSitePage(context.session, siteFor(context.shared, article, pagePath, html), pagePath, (page) =>
    page.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged: true, timeout: context.session.timeoutMs }),
  );
  blocked.push(...refused);
  return { name: `${article.slug}.pdf`, bytes: await finishPdf(result, article) };
}
