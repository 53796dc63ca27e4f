import { paperUrl } from '../images/image-variants.ts';
import type { Article } from '../manuscript/load-article.ts';
import { COLOPHON_FIELDS } from '../manuscript/settings-schema.ts';
import { resolveArticleLinks, type ArticleLinkResolver } from '../markdown/article-links.ts';
import { fragmentIn } from '../publication/check-article-links.ts';
import type { Publication } from '../publication/publication.ts';
import { escapeHtml, fillTemplate, loadTemplate } from '../templates.ts';
import { displayDate, renderArticle, unbreakableCodesHtml } from './article-html.ts';

/** The paper editions: the A4 download PDF and the press copy (links printed as numbered addresses). */
export type PaperEdition = 'download' | 'press';

/** Where each article of an issue starts, by slug, and how many blank pages go before the colophon. */
export interface Pagination {
  pages: ReadonlyMap<string, number>;
  blanks: number;
}

/** The id of an article's section in an issue's paper editions; its own ids are prefixed with it. */
export function articleAnchor(article: Pick<Article, 'slug'>): string {
  return `a-${article.slug}`;
}

/**
 * A resolver for links to articles that a publication does not hold: the article's web edition on the
 * site, where the settings give its address; otherwise the link reads as text.
 */
export function siteResolver(publication: Pick<Publication, 'url'>, slugs: ReadonlyMap<string, string>): ArticleLinkResolver {
  return (manuscript, fragment) => {
    const slug = slugs.get(manuscript);
    if (!publication.url || !slug) return undefined;
    return `${new URL(`${slug}.html`, publication.url).href}${fragment ? `#${fragment}` : ''}`;
  };
}

/**
 * The publication as a paper edition prints it: an article alone; or an issue's front page (masthead
 * and contents with page numbers), each article from a new page, and the colophon last. Without
 * `pagination` the contents carry placeholders of the same width, for the pass that finds the pages.
 */
export async function paperHtml(publication: Publication, edition: PaperEdition, slugs: ReadonlyMap<string, string>, pagination?: Pagination): Promise<string> {
  const outside = siteResolver(publication, slugs);
  const bodyOf = (article: Article) => (edition === 'press' ? article.printBody : article.body);
  if (publication.kind === 'article') {
    const [article] = publication.articles as [Article];
    return renderArticle(article, resolveArticleLinks(bodyOf(article), outside));
  }
  const inIssue = new Map(publication.articles.map((article) => [article.manuscript, article]));
  const resolve: ArticleLinkResolver = (manuscript, fragment) => {
    const target = inIssue.get(manuscript);
    if (!target) return outside(manuscript, fragment);
    const id = fragmentIn(target, fragment);
    return `#${articleAnchor(target)}${id ? `--${id}` : ''}`;
  };
  const articles = await Promise.all(
    publication.articles.map(async (article) => {
      // Ids first: the links resolved after them point into other articles, whose ids carry their own prefix.
      const html = resolveArticleLinks(prefixIds(await renderArticle(article, bodyOf(article)), `${articleAnchor(article)}--`), resolve);
      return `<section class="issue-article" id="${articleAnchor(article)}">\n${html}\n</section>`;
    }),
  );
  const placeholder = '0'.repeat(String(publication.articles.length * 4).length);
  const items = publication.articles.map((article) => ({
    href: `#${articleAnchor(article)}`,
    title: article.matter.title,
    page: pagination ? String(pagination.pages.get(article.slug) ?? '') : placeholder,
  }));
  const blanks = Array.from({ length: pagination?.blanks ?? 0 }, () => '<div class="blank-page"></div>');
  const cover = publication.issue?.cover;
  return [await issueFront(publication, items, cover && paperUrl(cover, edition)), ...articles, ...blanks, await colophon(publication)].join('\n');
}

/** An entry of an issue's contents: where it links, the article's title, and its page where known. */
export interface ContentsItem {
  href: string;
  title: string;
  page: string;
}

/**
 * An issue's front matter: the masthead with the bulletin's name, organisation, number and date, and the
 * contents. On the web the bulletin's name is the page's headline (h1); on paper, the articles' titles are.
 */
export async function issueFront(publication: Publication, items: readonly ContentsItem[], coverSrc?: string, nameTag: 'h1' | 'p' = 'p'): Promise<string> {
  const { issue, labels } = publication;
  if (!issue) throw new Error('issueFront takes an issue');
  const itemTemplate = await loadTemplate('contents-item.html');
  const list = items.map((item) => fillTemplate(itemTemplate, { href: item.href, titleHtml: unbreakableCodesHtml(item.title), page: item.page }, 'contents-item.html').trimEnd());
  const cover = issue.cover;
  return fillTemplate(
    await loadTemplate('issue-front.html'),
    {
      lang: publication.lang,
      kicker: labels.bulletin,
      nameTag,
      bulletin: issue.bulletin,
      organisation: issue.organisation,
      numberLabel: `${labels.issueNumber} ${issue.number}`,
      isoDate: publication.isoDate,
      displayDate: displayDate({ lang: publication.lang, date: publication.isoDate }),
      issueTitle: issue.title ?? '',
      coverImage: cover ? (coverSrc ?? cover.url) : '',
      coverWidth: cover?.width ?? '',
      coverHeight: cover?.height ?? '',
      contentsLabel: labels.contents,
      items: list.join('\n'),
    },
    'issue-front.html',
  );
}

/** The colophon the press law asks of a bulletin, each line of the settings as it is written. */
async function colophon(publication: Publication): Promise<string> {
  const { issue, labels } = publication;
  if (!issue) return '';
  const lines = COLOPHON_FIELDS.flatMap((field) => {
    const line = issue.colophon[field];
    return line ? [`    <p class="colophon-${field.replace('_', '-')}">${escapeHtml(line)}</p>`] : [];
  });
  return fillTemplate(
    await loadTemplate('colophon.html'),
    {
      lang: publication.lang,
      heading: labels.colophon,
      bulletin: issue.bulletin,
      numberLabel: `${labels.issueNumber} ${issue.number}`,
      displayDate: displayDate({ lang: publication.lang, date: publication.isoDate }),
      lines: lines.join('\n'),
    },
    'colophon.html',
  );
}

/**
 * The HTML with every id, and every reference to one inside it (`href="#…"`, ARIA relations), given
 * `prefix`: the articles of an issue share one document, and their headings and notes must not clash.
 */
export function prefixIds(html: string, prefix: string): string {
  return html
    .replace(/ (id|aria-describedby|aria-labelledby)="([^"]+)"/g, (_, name: string, value: string) => ` ${name}="${value.split(' ').map((id) => prefix + id).join(' ')}"`)
    .replace(/ href="#([^"]+)"/g, (_, id: string) => ` href="#${prefix}${id}"`);
}
