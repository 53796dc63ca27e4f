import { screenshotPng, withSitePage } from '../../browser/page-pool.ts';
import type { Publication } from '../../publication/publication.ts';
import { siteFor } from '../../site.ts';
import { mediaFor } from '../product-media.ts';
import { fillTemplate, loadTemplate } from '../../templates.ts';
import { displayDate, unbreakableCodesHtml } from '../article-html.ts';
import type { BlockedRequests, RenderContext } from '../pdf.ts';
import type { EpubCover } from './article-epub.ts';
import { encodeCover } from './encode-cover.ts';

/** The cover's size in CSS pixels; drawn at twice that, 1600 × 2400, the 2:3 that e-book stores ask for. */
const VIEWPORT = { width: 800, height: 1200, deviceScaleFactor: 2 };

/** The words of a cover: above the title, the title, and under it. */
function coverWords(publication: Publication): { kicker: string; title: string; dateline: string } {
  const date = displayDate({ lang: publication.lang, date: publication.isoDate });
  const { issue, labels } = publication;
  if (!issue) return { kicker: publication.publisher, title: publication.title, dateline: date };
  const number = `${labels.issueNumber} ${issue.number}`;
  return { kicker: `${labels.bulletin} · ${issue.organisation}`, title: issue.title ? `${issue.bulletin}: ${issue.title}` : issue.bulletin, dateline: `${number} · ${date}` };
}

/**
 * The EPUB's cover: templates/epub/cover.html (an article's publisher, title and date; an issue's
 * masthead, number, date and cover photo) drawn by the build's Chromium with the shipped fonts into an
 * image (see encodeCover), and the XHTML page that shows it with the same words as its alt text.
 */
export async function renderCover(publication: Publication, context: RenderContext, blocked: BlockedRequests): Promise<EpubCover> {
  const words = coverWords(publication);
  const photo = publication.issue?.cover;
  const values = { lang: publication.lang, title: words.title, publisher: words.kicker, displayDate: words.dateline };
  const html = fillTemplate(
    await loadTemplate('epub/cover.html'),
    { ...values, titleHtml: unbreakableCodesHtml(words.title), titleSize: titleSize(words.title), photo: photo?.url ?? '' },
    'epub/cover.html',
  );
  const pagePath = `${publication.name.replace(/\//g, '--')}.cover.html`;
  // The cover shows no image but an issue's cover photo: the articles' photos stay out of its site.
  const media = await mediaFor({ ...publication, articles: [] }, context, 'download');
  const { result, blocked: refused } = await withSitePage(
    context.session,
    siteFor(context.shared, media, pagePath, html),
    pagePath,
    (page) => screenshotPng(context.session, page),
    VIEWPORT,
  );
  blocked.push(...refused);
  const image = await encodeCover(result, photo !== undefined);
  const size = { width: VIEWPORT.width * VIEWPORT.deviceScaleFactor, height: VIEWPORT.height * VIEWPORT.deviceScaleFactor };
  const alt = `${words.title}. ${words.kicker}, ${words.dateline}`;
  const page = fillTemplate(await loadTemplate('epub/cover.xhtml'), { ...values, ...size, image: image.fileName, alt }, 'epub/cover.xhtml');
  return { image, page };
}

/** A smaller face for a longer headline, so that any title fits the cover without scripts to measure it. */
function titleSize(title: string): number {
  if (title.length > 120) return 52;
  if (title.length > 70) return 64;
  return 84;
}
