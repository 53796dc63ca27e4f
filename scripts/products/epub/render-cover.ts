import { screenshotPng, withSitePage } from '../../browser/page-pool.ts';
import type { Article } from '../../manuscript/load-article.ts';
import { siteFor } from '../../site.ts';
import { fillTemplate, loadTemplate } from '../../templates.ts';
import { displayDate, unbreakableCodesHtml } from '../article-html.ts';
import type { BlockedRequests, RenderContext } from '../pdf.ts';
import type { EpubCover } from './article-epub.ts';

/** The cover's size in CSS pixels; drawn at twice that, 1600 × 2400, the 2:3 that e-book stores ask for. */
const VIEWPORT = { width: 800, height: 1200, deviceScaleFactor: 2 };

/** The file name of the cover image inside the EPUB. */
export const COVER_IMAGE = 'cover.png';

/**
 * The EPUB's cover: templates/epub/cover.html (title, publisher, date) drawn by the build's Chromium with
 * the shipped fonts into a PNG, and the XHTML page that shows it with the same words as its alt text.
 */
export async function renderCover(article: Article, context: RenderContext, blocked: BlockedRequests): Promise<EpubCover> {
  const { matter } = article;
  const date = displayDate(article.matter);
  const values = { lang: matter.lang, title: matter.title, publisher: matter.publisher, displayDate: date };
  const html = fillTemplate(await loadTemplate('epub/cover.html'), { ...values, titleHtml: unbreakableCodesHtml(matter.title), titleSize: titleSize(matter.title) }, 'epub/cover.html');
  const pagePath = `${article.slug}.cover.html`;
  const { result, blocked: refused } = await withSitePage(
    context.session,
    siteFor(context.shared, article, pagePath, html),
    pagePath,
    (page) => screenshotPng(context.session, page),
    VIEWPORT,
  );
  blocked.push(...refused);
  const page = fillTemplate(await loadTemplate('epub/cover.xhtml'), { ...values, image: COVER_IMAGE, alt: `${matter.title}. ${matter.publisher}, ${date}` }, 'epub/cover.xhtml');
  return { png: new Uint8Array(result), page };
}

/** A smaller face for a longer headline, so that any title fits the cover without scripts to measure it. */
function titleSize(title: string): number {
  if (title.length > 120) return 52;
  if (title.length > 70) return 64;
  return 84;
}
