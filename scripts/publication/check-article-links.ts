import type { Article } from '../manuscript/load-article.ts';

/**
 * Warns, at its place, about each link to a part of another article (`other.md#part`) that the other
 * article does not have: the link then leads to the article's start. Only articles read in this build
 * are checked against each other.
 */
export function checkArticleLinks(articles: readonly Article[]): void {
  const byName = new Map(articles.map((article) => [article.manuscript, article]));
  for (const article of articles) {
    for (const link of article.file.data.articleLinks ?? []) {
      const target = byName.get(link.manuscript);
      if (!target || link.id === undefined || target.ids.has(link.id)) continue;
      const known = target.headings.map((heading) => `#${heading.id}`).join(', ');
      article.file.message(`${link.manuscript} has no part \`#${link.id}\`: the link leads to the article's start; link to one of its headings (${known || 'it has none'})`, {
        place: link.place,
        ruleId: 'article-link',
        source: 'folio',
      });
    }
  }
}

/** The fragment of a link into `article`, where the article has that id; otherwise none (its start). */
export function fragmentIn(article: Pick<Article, 'ids'>, fragment: string | undefined): string | undefined {
  return fragment !== undefined && article.ids.has(decodeHtml(fragment)) ? fragment : undefined;
}

/** The serialised HTML attribute value back to the id it names. */
function decodeHtml(value: string): string {
  return value.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}
