import type { Element, Root } from 'hast';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';
import { epubVariant, paperUrl, webVariants, type SourceImage } from './image-variants.ts';

/**
 * How wide the web edition shows an image, for the browser to pick from `srcset` before it lays out the
 * page: the column (36em of a body of at most 19 px, see web.css) on a wide screen, the screen less the
 * body's padding on a phone.
 */
const WEB_SIZES = '(min-width: 720px) 684px, calc(100vw - 32px)';

/**
 * Gives every image its size, upright (so that nothing moves as it loads), in every edition's tree.
 */
export function setImageSizes(tree: Root, images: readonly SourceImage[]): void {
  eachImage(tree, images, (url) => url, (node, image) => {
    node.properties.width = image.width;
    node.properties.height = image.height;
  });
}

/**
 * Turns each image of the web edition into a `<picture>`: WebP at each width in `srcset`, the fallback
 * `<img>` in JPEG (or PNG, or GIF), lazily loaded after the first image, which is usually on the first screen.
 */
export function webPictures(tree: Root, images: readonly SourceImage[], href: (url: string) => string = (url) => url): void {
  let first = true;
  const pictures = new Map<Element, Element>();
  eachImage(tree, images, href, (node, image) => {
    const variants = webVariants(image);
    const fallback = variants.at(-1)!;
    const srcset = variants.slice(0, -1).map((variant) => `${href(variant.url)} ${variant.width}w`).join(', ');
    node.properties.src = href(fallback.url);
    node.properties.decoding = 'async';
    if (!first) node.properties.loading = 'lazy';
    first = false;
    pictures.set(node, h('picture', [h('source', { type: 'image/webp', srcSet: srcset, sizes: WEB_SIZES }), node]));
  });
  visit(tree, 'element', (node, index, parent) => {
    const picture = pictures.get(node);
    if (!picture || !parent || index === undefined) return undefined;
    parent.children[index] = picture;
    return 'skip';
  });
}

/**
 * Points each image of the EPUB's tree, or the press copy's, at that product's file: the EPUB's may be of
 * another format than the source; the press copy's has a URL of its own (see paperUrl).
 */
export function pointImagesAt(tree: Root, images: readonly SourceImage[], use: 'epub' | 'press'): void {
  eachImage(tree, images, (url) => url, (node, image) => {
    node.properties.src = use === 'epub' ? epubVariant(image).url : paperUrl(image, 'press');
  });
}

function eachImage(tree: Root, images: readonly SourceImage[], href: (url: string) => string, act: (node: Element, image: SourceImage) => void): void {
  const byUrl = new Map(images.map((image) => [href(image.url), image]));
  visit(tree, 'element', (node) => {
    if (node.tagName !== 'img' || typeof node.properties.src !== 'string') return;
    const image = byUrl.get(node.properties.src);
    if (image) act(node, image);
  });
}
