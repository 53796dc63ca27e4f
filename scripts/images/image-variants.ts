/** An image as the manuscript gives it, upright: its size once EXIF orientation is applied. */
export interface SourceImage {
  /** Where the products refer to it (`media/<slug>/images/photo.jpg`). */
  url: string;
  type: 'jpeg' | 'png' | 'gif' | 'webp';
  /** Width and height as shown: a photo turned by EXIF orientation 5 to 8 swaps its stored ones. */
  width: number;
  height: number;
}

/** A source image as the manuscript stage checked it, with its bytes for when files must be made of them. */
export interface LoadedImage extends SourceImage {
  /** An image an earlier build checked, unchanged since, is read only when this is called. */
  bytes: () => Promise<Uint8Array>;
  /** The sha256 of the bytes, in hex. */
  digest: string;
}

/**
 * The most pixels an image may have. A photo from a good camera has 24 to 40 megapixels, and decoding 40
 * takes about 2 s here; a "PNG bomb" of 30000 × 30000 (900 megapixels in a file of a megabyte) or a
 * JPEG whose header claims 65500 × 65500 would take the build's memory and minutes.
 */
export const MAX_IMAGE_PIXELS = 40_000_000;

/** The product an image is made for. */
export type ImageUse = 'web' | 'epub' | 'download' | 'press';

/** One file made from a source image: its use, format and size in pixels. */
export interface ImageVariant {
  use: ImageUse;
  /** Where the product refers to it; print variants are served to Chromium under the source's URL. */
  url: string;
  format: 'jpeg' | 'png' | 'webp' | 'gif';
  width: number;
  height: number;
}

/**
 * The widths the web edition offers in `srcset`: a phone's column at 1×, 2× and 3× and a desktop's at 2×.
 * A photo is never enlarged: a narrower one stops at its own width.
 */
export const WEB_WIDTHS = [480, 800, 1200, 1600] as const;

/** The widest fallback `<img>`: what an old browser loads, and what a link shared on a social site shows. */
const FALLBACK_WIDTH = 1200;

/** The long edge of an EPUB's images: what every reading system shows, and no more than a tablet's screen. */
export const EPUB_LONG_EDGE = 1600;

/** Pixels per inch on the download PDF, at the width a photo is placed: sharp on screen and on an office printer. */
export const DOWNLOAD_PPI = 200;

/** Pixels per inch on the press copy, at the width a photo is placed: what offset printing needs. */
export const PRESS_PPI = 300;

/** Below this, a photo printed on the press copy shows its pixels: the build warns. */
export const MIN_PRESS_PPI = 150;

/** The width in millimetres of each paper edition's text column, the widest an image is placed at there. */
export interface PrintColumns {
  download: number;
  press: number;
}

/** A CSS pixel is 1/96 inch: an image narrower than the column is placed at its own width in CSS pixels. */
const CSS_PX_PER_INCH = 96;

/** The width, in inches, at which a paper edition places an image `width` pixels wide. */
export function placedInches(width: number, use: 'download' | 'press', columns: PrintColumns): number {
  return Math.min(width / CSS_PX_PER_INCH, columns[use] / 25.4);
}

/**
 * Every file the products need of one image: the web edition's sizes in WebP with a JPEG (or PNG, or
 * GIF) fallback; the EPUB's, within EPUB_LONG_EDGE; each paper edition's at its resolution where it is
 * placed. A photo (JPEG, WebP) stays JPEG; a diagram (PNG) stays PNG; a GIF keeps its frames on the web and
 * in the EPUB.
 */
export function imageVariants(image: SourceImage, columns: PrintColumns): ImageVariant[] {
  return [...webVariants(image), epubVariant(image), printVariant(image, 'download', columns), printVariant(image, 'press', columns)];
}

/** The web edition's files of an image: `<source>` WebP at each width, then the fallback `<img>`'s file. */
export function webVariants(image: SourceImage): ImageVariant[] {
  const widths = webWidths(image.width);
  const fallbackWidth = Math.max(...widths.filter((width) => width <= FALLBACK_WIDTH));
  return [
    ...widths.map((width) => variant(image, 'web', 'webp', width, `${width}.webp`)),
    variant(image, 'web', fallbackFormat(image), fallbackWidth, `${fallbackWidth}.${extension(fallbackFormat(image))}`),
  ];
}

/** The web edition's file for an `<img>` alone: what an old browser shows, and a link shared on a social site. */
export function webFallback(image: SourceImage): ImageVariant {
  return webVariants(image).at(-1)!;
}

/** The widths of WEB_WIDTHS below the image's own, and its own where it is narrower than the widest. */
export function webWidths(width: number): number[] {
  const widest = WEB_WIDTHS[WEB_WIDTHS.length - 1]!;
  return [...WEB_WIDTHS.filter((candidate) => candidate < Math.min(width, widest)), Math.min(width, widest)];
}

/** The EPUB's file of an image. */
export function epubVariant(image: SourceImage): ImageVariant {
  const scale = Math.min(1, EPUB_LONG_EDGE / Math.max(image.width, image.height));
  const format = image.type === 'gif' ? 'gif' : fallbackFormat(image);
  return variant(image, 'epub', format, Math.floor(image.width * scale), `epub.${extension(format)}`);
}

function printVariant(image: SourceImage, use: 'download' | 'press', columns: PrintColumns): ImageVariant {
  const ppi = use === 'download' ? DOWNLOAD_PPI : PRESS_PPI;
  const width = Math.min(image.width, Math.ceil(placedInches(image.width, use, columns) * ppi));
  const format = image.type === 'jpeg' || image.type === 'webp' ? 'jpeg' : 'png';
  return { ...variant(image, use, format, width, ''), url: paperUrl(image, use) };
}

/**
 * Where a paper edition refers to an image: the download PDF, which prints the web edition's body, under
 * the source's own URL; the press copy under a URL of its own, so that Chromium, which keeps the images it
 * loaded by their URL, never prints one edition's file in the other.
 */
export function paperUrl(image: SourceImage, use: 'download' | 'press'): string {
  return use === 'download' ? image.url : `${image.url.replace(/\.[^./]*$/, '')}.press.${image.type === 'jpeg' || image.type === 'webp' ? 'jpg' : 'png'}`;
}

function variant(image: SourceImage, use: ImageUse, format: ImageVariant['format'], width: number, suffix: string): ImageVariant {
  const height = Math.max(1, Math.round((image.height * width) / image.width));
  return { use, url: `${image.url.replace(/\.[^./]*$/, '')}.${suffix}`, format, width, height };
}

function fallbackFormat(image: SourceImage): ImageVariant['format'] {
  if (image.type === 'png') return 'png';
  if (image.type === 'gif') return 'gif';
  return 'jpeg';
}

function extension(format: ImageVariant['format']): string {
  return format === 'jpeg' ? 'jpg' : format;
}

/** The resolution, in pixels per inch, at which the press copy prints an image. */
export function pressResolution(image: SourceImage, columns: PrintColumns): number {
  return image.width / placedInches(image.width, 'press', columns);
}

/** The narrowest an image must be to print at MIN_PRESS_PPI across the press copy's column. */
export function minimumPressWidth(columns: PrintColumns): number {
  return Math.ceil((columns.press / 25.4) * MIN_PRESS_PPI);
}
