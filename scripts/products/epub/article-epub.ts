import { EPub, type Content, type Options } from 'epub-gen-memory';
import type { EpubFont } from './epub-fonts.ts';
import type { CoverImage } from './encode-cover.ts';
import { keepHtml5Attributes } from './keep-html5-attributes.ts';

/** The cover an EPUB carries: the image and the XHTML page that shows it first. */
export interface EpubCover {
  image: CoverImage;
  page: string;
}

/** Everything an ArticleEpub writes besides what epub-gen-memory renders from its options. */
export interface ArticleEpubFiles {
  identifier: string;
  /** The images the text refers to, by the URL it refers to them with. */
  resources: ReadonlyMap<string, Uint8Array>;
  fonts: readonly EpubFont[];
  cover?: EpubCover;
}

/**
 * The same bytes as a plain Uint8Array: JSZip copies a Node Buffer (what fs, sharp and harfbuzz give)
 * into a Uint8Array byte by byte, some 5 ms a megabyte.
 */
const plain = (bytes: Uint8Array) => new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** The name epub-gen-memory gives a missing or empty alt text; a decorative image keeps its empty one. */
const PLACEHOLDER_ALT = 'alt="image-placeholder"';

/**
 * epub-gen-memory with every download replaced by files the build already holds (an unknown URL is an
 * error, never a fetch), every random id replaced by one derived from the article, so that the same
 * manuscript gives the same bytes, and HTML5's attributes kept in the chapters.
 */
export class ArticleEpub extends EPub {
  static {
    keepHtml5Attributes();
  }

  readonly #files: ArticleEpubFiles;

  constructor(options: Options, content: Content, files: ArticleEpubFiles) {
    super(options, content);
    this.#files = files;
    this.uuid = files.identifier;
    this.content.forEach((chapter, index) => {
      chapter.id = `chapter-${index + 1}`;
      chapter.content = keepDecorativeAlt(decodeCharacterReferences(chapter.content));
    });
    this.images.forEach((image, index) => {
      const stable = `image-${index + 1}`;
      for (const chapter of this.content) chapter.content = chapter.content.split(`images/${image.id}.`).join(`images/${stable}.`);
      image.id = stable;
    });
  }

  protected override async downloadAllFonts(): Promise<void> {
    const folder = this.zip.folder('OEBPS')?.folder('fonts');
    for (const font of this.#files.fonts) folder?.file(font.fileName, plain(font.bytes));
  }

  protected override async downloadAllImages(): Promise<void> {
    if (this.images.length === 0) return;
    const folder = this.zip.folder('OEBPS')?.folder('images');
    for (const image of this.images) {
      const bytes = this.#files.resources.get(image.url);
      // The library would fetch it (http:, file:, anything): only files the build vetted may go in.
      if (!bytes) throw new Error(`EPUB image ${image.url} is not one of the files the build loaded; it is never fetched`);
      folder?.file(`${image.id}.${image.extension}`, plain(bytes));
    }
  }

  protected override async makeCover(): Promise<void> {
    const { cover } = this.#files;
    if (!this.cover || !cover) return;
    // The manifest names the image `cover.<the extension of options.cover's type>`; the cover page names it too.
    const name = `cover.${this.cover.extension}`;
    if (name !== cover.image.fileName) throw new Error(`EPUB cover ${cover.image.fileName} must be named ${name}, as options.cover and the manifest name it`);
    const folder = this.zip.folder('OEBPS');
    folder?.file(name, plain(cover.image.bytes));
    folder?.file('cover.xhtml', cover.page);
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
    return this.generateAsync({ type: 'uint8array', mimeType: 'application/epub+zip', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  }
}

/** Non-ASCII characters that epub-gen-memory escaped as numeric references, written as UTF-8 again. */
function decodeCharacterReferences(xhtml: string): string {
  return xhtml.replace(/&#(x[0-9a-fA-F]+|\d+);/g, (reference, code: string) => {
    const point = code.startsWith('x') ? Number.parseInt(code.slice(1), 16) : Number(code);
    return point >= 0xa0 && point <= 0x10ffff ? String.fromCodePoint(point) : reference;
  });
}

/** Gives images marked decorative (role="presentation") back the empty alt text the library replaced. */
function keepDecorativeAlt(xhtml: string): string {
  return xhtml.replace(/<img\b[^>]*>/g, (tag) => (tag.includes('role="presentation"') ? tag.replace(PLACEHOLDER_ALT, 'alt=""') : tag));
}
