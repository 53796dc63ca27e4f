import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { webPictures } from '../images/image-markup.ts';
import type { SourceImage } from '../images/image-variants.ts';

/**
 * The web edition's HTML of an article's body or an issue's front: each image a `<picture>` of the web
 * files made of it (see images/image-markup.ts), `href` saying how the page refers to a file of the site.
 * The paper editions keep the plain `<img>`, which they are served at their own resolution.
 */
export function withPictures(html: string, images: readonly SourceImage[], href: (url: string) => string): string {
  if (images.length === 0) return html;
  const tree = unified().use(rehypeParse, { fragment: true }).parse(html);
  webPictures(tree, images, href);
  return unified().use(rehypeStringify).stringify(tree);
}
