import type { Content, Options } from 'epub-gen-memory';
import type { Article } from '../manuscript/load-article.ts';
import { resolveArticleLinks, type ArticleLinkResolver } from '../markdown/article-links.ts';
import { fragmentIn } from '../publication/check-article-links.ts';
import type { Publication } from '../publication/publication.ts';
import { loadTemplate } from '../templates.ts';
import { TOOL_LABEL } from '../tool.ts';
import { renderArticle } from './article-html.ts';
import { ArticleEpub } from './epub/article-epub.ts';
import { contentsDepth, contentsTree } from './epub/contents-tree.ts';
import { epubIdentifier } from './epub/epub-identifier.ts';
import { epubFonts } from './epub/epub-fonts.ts';
import { insertPageBreaks } from './epub/insert-page-breaks.ts';
import type { PageMarks } from './page-marks.ts';
import { paperName } from './paper.ts';
import { epubStylesheet } from './epub/epub-stylesheet.ts';
import { imageDescriptions } from './epub/image-descriptions.ts';
import { mediaFor } from './product-media.ts';
import { renderCover } from './epub/render-cover.ts';
import type { BlockedRequests, ProductFile, RenderContext } from './pdf.ts';
import { siteResolver } from './publication-html.ts';

/** The page list: each printed page once, at its first marker, in page order. */
function printedPages(publication: Publication, chapters: readonly { article: Article; markers: ReadonlyMap<number, string> }[]): { page: number; href: string }[] {
  const entries = new Map<number, string>();
  for (const { article, markers } of chapters) {
    for (const [page, id] of markers) if (!entries.has(page)) entries.set(page, `${chapterFile(publication, article)}#${id}`);
  }
  return [...entries].sort(([a], [b]) => a - b).map(([page, href]) => ({ page, href }));
}

/** The chapter file of an article in the EPUB. */
function chapterFile(publication: Publication, article: Article): string {
  return publication.kind === 'issue' ? `${article.slug}.xhtml` : 'article.xhtml';
}

/**
 * The EPUB 3: a cover drawn by the build's Chromium, one chapter for each article, a navigation
 * document in the publication's language (each article with its headings nested under it by level),
 * the faces of the PDF in TrueType, subset to its text, full metadata (accessibility as the chapters' images allow;
 * an issue as a member of the bulletin's series) and deterministic bytes. Where the press copy was printed,
 * its pages are marked in the chapters and listed in a page list (`pageMarks`, awaited after the cover has
 * started), so that a reader can cite the printed page.
 */
export async function renderEpub(publication: Publication, context: RenderContext, blocked: BlockedRequests, pageMarks: Promise<PageMarks | undefined>): Promise<ProductFile> {
  const { labels, issue } = publication;
  const outside = siteResolver(publication, context.slugs);
  const inPublication = new Map(publication.articles.map((article) => [article.manuscript, article]));
  const resolve: ArticleLinkResolver = (manuscript, fragment) => {
    const target = inPublication.get(manuscript);
    if (!target) return outside(manuscript, fragment);
    const id = fragmentIn(target, fragment);
    return `${chapterFile(publication, target)}${id ? `#${id}` : ''}`;
  };
  const [cover, chapters, media] = await Promise.all([
    renderCover(publication, context, blocked),
    pageMarks.then((marks) =>
      Promise.all(
        publication.articles.map(async (article) => {
          const pages = marks?.get(article.slug);
          const marked = pages ? insertPageBreaks(article.epubBody, pages) : { html: article.epubBody, markers: new Map<number, string>() };
          return { article, html: await renderArticle(article, resolveArticleLinks(marked.html, resolve)), markers: marked.markers };
        }),
      ),
    ),
    mediaFor(publication, context, 'epub'),
  ]);
  // Everything our documents show in the shipped fonts: the chapters and the navigation document's words.
  const fonts = await epubFonts([...chapters.map((chapter) => chapter.html), publication.title, labels.contents, labels.landmarks, labels.cover].join('\n'));
  const identifier = epubIdentifier(publication);
  const toc = contentsTree(publication.articles.map((article) => ({ href: chapterFile(publication, article), title: article.matter.title, headings: article.headings })));
  const images = imageDescriptions(chapters.map((chapter) => chapter.html));
  const pageList = printedPages(publication, chapters);
  const options = {
    title: publication.title,
    author: publication.author,
    publisher: publication.publisher,
    description: publication.description ?? '',
    date: publication.date.toISOString(),
    lang: publication.lang,
    tocTitle: labels.contents,
    tocInTOC: false,
    prependChapterTitles: false,
    numberChaptersInTOC: false,
    // Only the name: the library reads the image type from it; makeCover writes the bytes rendered above.
    cover: cover.image.fileName,
    css: await epubStylesheet(fonts),
    contentOPF: await loadTemplate('epub/content.opf.ejs'),
    tocXHTML: await loadTemplate('epub/toc.xhtml.ejs'),
    tocNCX: await loadTemplate('epub/toc.ncx.ejs'),
    chapterXHTML: await loadTemplate('epub/chapter.xhtml.ejs'),
    fonts: fonts.map((font) => ({ filename: font.fileName, url: `fonts/${font.fileName}` })),
    version: 3,
    verbose: false,
    meta: {
      identifier,
      date: publication.isoDate,
      modified: `${publication.date.toISOString().slice(0, 19)}Z`,
      source: publication.kind === 'article' ? (publication.articles[0]?.matter.source ?? '') : '',
      keywords: publication.keywords,
      generator: TOOL_LABEL,
      images,
      accessibilitySummary: labels.accessibilitySummary[images],
      // Backed by epubcheck and Ace in the tests; an image without a text alternative fails WCAG's 1.1.1.
      conformsTo: images === 'undescribed' ? undefined : 'EPUB Accessibility 1.1 - WCAG 2.1 Level AA',
      pageList,
      pageListTitle: labels.pageList,
      printSource: pageList.length > 0 ? `${publication.title}: ${labels.downloadPrint.replace('{trim}', paperName(publication.trim))} (${publication.name.split('/').pop()}.print.pdf)` : undefined,
      landmarksTitle: labels.landmarks,
      coverTitle: labels.cover,
      navInSpine: false,
      toc,
      tocDepth: Math.max(1, contentsDepth(toc)),
      collection: issue ? { name: issue.bulletin, position: issue.number } : undefined,
    },
    // `meta` carries what our templates in templates/epub read; the library's types do not know those fields.
  } as Options;
  const content: Content = chapters.map(({ article, html }) => ({ title: article.matter.title, content: html, filename: chapterFile(publication, article) }));
  const resources = new Map([...media].map(([url, file]) => [url, file.bytes as Uint8Array]));
  const epub = new ArticleEpub(options, content, { identifier, resources, fonts, cover });
  return { name: `${publication.name}.epub`, bytes: await epub.pack(publication.date) };
}
