/** The scheme the Markdown stage gives a link to another manuscript, until a product resolves it. */
export const ARTICLE_LINK = 'folio-article:';

/** Where a product puts a linked article: an href, or undefined where the product does not carry it. */
export type ArticleLinkResolver = (manuscript: string, fragment: string | undefined) => string | undefined;

const LINK = new RegExp(` href="${ARTICLE_LINK}([^"#]*)(?:#([^"]*))?"`, 'g');

/**
 * The HTML with each link to an article pointed where `resolve` says; a link it cannot place loses its
 * href and reads as text. Works on the build's own serialised HTML, whose attribute values are escaped.
 */
export function resolveArticleLinks(html: string, resolve: ArticleLinkResolver): string {
  return html.replace(LINK, (_, manuscript: string, fragment: string | undefined) => {
    const target = resolve(manuscript, fragment);
    return target === undefined ? '' : ` href="${target.replace(/"/g, '&quot;')}"`;
  });
}
