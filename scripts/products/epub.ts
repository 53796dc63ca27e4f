import { createHash } from 'node:crypto';
import { EPub, type Content, type Options } from 'epub-gen-memory';
import { fontFaceCss, loadFonts, type FontFile } from '../fonts.ts';
import type { Article } from '../manuscript/load-article.ts';
import { loadTemplate } from '../templates.ts';
import { TOOL_LABEL } from '../tool.ts';
import { renderArticle } from './article-html.ts';
import type { ProductFile } from './pdf.ts';

/** The files an EPUB carries besides its text, by the path the text refers to them with. */
type Resources = ReadonlyMap<string, Uint8Array>;

/**
 * epub-gen-memory with every download replaced by files the build already holds, and every random id
 * replaced by one derived from the article, so that the same manuscript gives the same bytes.
 */
class ArticleEpub extends EPub {
  readonly #resources: Resources;
  readonly #fonts: readonly FontFile[];

  constructor(options: Options, content: Content, identifier: string, resources: Resources, fonts: readonly FontFile[]) {
    super(options, content);
    this.#resources = resources;
    this.#fonts = fonts;
    this.uuid = identifier;
    this.content.forEach((chapter, index) => {
      chapter.id = `chapter-${index + 1}`;
      chapter.content = decodeCharacterReferences(chapter.content);
    });
    this.images.forEach((image, index) => {
      const stable = `image-${index + 1}`;
      for (const chapter of this.content) chapter.content = chapter.content.split(`images/${image.id}.`).join(`images/${stable}.`);
      image.id = stable;
    });
  }

  protected override async downloadAllFonts(): Promise<void> {
    const folder = this.zip.folder('OEBPS')?.folder('fonts');
    for (const font of this.#fonts) folder?.file(font.fileName, font.bytes);
  }

  protected override async downloadAllImages(): Promise<void> {
    if (this.images.length === 0) return;
    const folder = this.zip.folder('OEBPS')?.folder('images');
    for (const image of this.images) {
      const bytes = this.#resources.get(image.url);
      if (!bytes) throw new Error(`EPUB image ${image.url} was not loaded by the build`);
      folder?.file(`${image.id}.${image.extension}`, bytes);
    }
  }

  /** The zip with every entry dated `date`, the mimetype first and stored. */
  async pack(date: Date): Promise<Uint8Array> {
    await this.render();
    // The zip format stores local time; shifting by the offset makes the stored fields read as UTC everywhere.
    const stamp = new Date(date.getTime() + date.getTimezoneOffset() * 60_000);
    for (const entry of Object.values(this.zip.files)) {
      entry.date = stamp;
      // Fonts and images are compressed already: deflating them again costs time and saves nothing.
      if (/\.(woff2|png|jpe?g|gif|webp)$/.test(entry.name)) entry.options.compression = 'STORE';
    }
    return this.generateAsync({ type: 'uint8array', mimeType: 'application/epub+zip', compression: 'DEFLATE', compressionOptions: { level: 9 } });
  }
}

/** Non-ASCII characters that epub-gen-memory escaped as numeric references, written as UTF-8 again. */
function decodeCharacterReferences(xhtml: string): string {
  return xhtml.replace(/&#(x[0-9a-fA-F]+|\d+);/g, (reference, code: string) => {
    const point = code.startsWith('x') ? Number.parseInt(code.slice(1), 16) : Number(code);
    return point >= 0xa0 && point <= 0x10ffff ? String.fromCodePoint(point) : reference;
  });
}

/** A `urn:uuid:` derived from the article's slug, title and date: stable across builds, distinct per article. */
export function epubIdentifier(article: Article): string {
  const hex = createHash('sha256').update(`${article.slug}\n${article.matter.title}\n${article.matter.date}`).digest('hex');
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

async function stylesheet(fonts: readonly FontFile[]): Promise<string> {
  const strip = (css: string) => css.replace(/^@import[^\n]*\n/gm, '');
  return [fontFaceCss(fonts, 'fonts/'), strip(await loadTemplate('styles/article.css')), strip(await loadTemplate('styles/epub.css'))].join('\n');
}

/** The EPUB 3: one chapter with the article, a navigation document, the fonts of the PDF, deterministic bytes. */
export async function renderEpub(article: Article): Promise<ProductFile> {
  const { matter, labels } = article;
  const fonts = await loadFonts();
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
      navInSpine: false,
      toc: [
        { href: chapterFile, text: matter.title },
        ...article.headings.map((heading) => ({ href: `${chapterFile}#${heading.id}`, text: heading.text })),
      ],
    },
  } as Options;
  const content: Content = [{ title: matter.title, content: await renderArticle(article), filename: chapterFile }];
  const resources = new Map(article.images.map((image) => [image.url, image.bytes]));
  const epub = new ArticleEpub(options, content, identifier, resources, fonts);
  return { name: `${article.slug}.epub`, bytes: await epub.pack(article.date) };
}
