import type { Content, Options } from 'epub-gen-memory';
import { fontFaceCss, loadFonts, type FontFile } from '../fonts.ts';
import type { Article } from '../manuscript/load-article.ts';
import { loadTemplate } from '../templates.ts';
import { TOOL_LABEL } from '../tool.ts';
import { renderArticle } from './article-html.ts';
import { ArticleEpub } from './epub/article-epub.ts';
import { epubBody } from './epub/epub-body.ts';
import { epubIdentifier } from './epub/epub-identifier.ts';
import { fontsForText } from './epub/fonts-for-text.ts';
import { COVER_IMAGE, renderCover } from './epub/render-cover.ts';
import type { BlockedRequests, ProductFile, RenderContext } from './pdf.ts';

async function stylesheet(fonts: readonly FontFile[]): Promise<string> {
  const strip = (css: string) => css.replace(/^@import[^\n]*\n/gm, '');
  return [fontFaceCss(fonts, 'fonts/'), strip(await loadTemplate('styles/article.css')), strip(await loadTemplate('styles/epub.css'))].join('\n');
}

/**
 * The EPUB 3: a cover drawn by the build's Chromium, one chapter with the article, a navigation
 * document in the article's language, the fonts of the PDF that its text uses, full metadata and
 * deterministic bytes.
 */
export async function renderEpub(article: Article, context: RenderContext, blocked: BlockedRequests): Promise<ProductFile> {
  const { matter, labels } = article;
  const [allFonts, cover, body] = await Promise.all([loadFonts(), renderCover(article, context, blocked), epubBody(article.body)]);
  const chapter = await renderArticle(article, body);
  // Everything our documents show in the shipped fonts: the chapter and the navigation document's words.
  const fonts = fontsForText(allFonts, [chapter, labels.contents, labels.landmarks, labels.cover].join('\n'));
  const identifier = epubIdentifier(article);
  const chapterFile = 'article.xhtml';
  const options = {
    title: matter.title,
    author: matter.author,
    publisher: matter.publisher,
    description: matter.description,
    date: article.date.toISOString(),
    lang: matter.lang,
    tocTitle: labels.contents,
    tocInTOC: false,
    prependChapterTitles: false,
    numberChaptersInTOC: false,
    // Only the name: the library reads the image type from it; makeCover writes the bytes rendered above.
    cover: COVER_IMAGE,
    css: await stylesheet(fonts),
    contentOPF: await loadTemplate('epub/content.opf.ejs'),
    tocXHTML: await loadTemplate('epub/toc.xhtml.ejs'),
    tocNCX: await loadTemplate('epub/toc.ncx.ejs'),
    chapterXHTML: await loadTemplate('epub/chapter.xhtml.ejs'),
    fonts: fonts.map((font) => ({ filename: font.fileName, url: `fonts/${font.fileName}` })),
    version: 3,
    verbose: false,
    meta: {
      identifier,
      date: matter.date,
      modified: `${article.date.toISOString().slice(0, 19)}Z`,
      source: matter.source ?? '',
      keywords: matter.keywords,
      generator: TOOL_LABEL,
      accessibilitySummary: labels.accessibilitySummary,
      landmarksTitle: labels.landmarks,
      coverTitle: labels.cover,
      navInSpine: false,
      toc: [
        { href: chapterFile, text: matter.title },
        ...article.headings.map((heading) => ({ href: `${chapterFile}#${heading.id}`, text: heading.text })),
      ],
    },
    // `meta` carries what our templates in templates/epub read; the library's types do not know those fields.
  } as Options;
  const content: Content = [{ title: matter.title, content: chapter, filename: chapterFile }];
  const resources = new Map(article.images.map((image) => [image.url, image.bytes]));
  const epub = new ArticleEpub(options, content, { identifier, resources, fonts, cover });
  return { name: `${article.slug}.epub`, bytes: await epub.pack(article.date) };
}
