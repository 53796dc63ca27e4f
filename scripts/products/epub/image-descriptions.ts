import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

/** What the images of a book give a reader who cannot see them: there are none, every one is described, or some are not. */
export type ImageDescriptions = 'none' | 'described' | 'undescribed';

/**
 * How the images of the chapters (HTML) are described. An image is described when its alt text says
 * something: one the author left without (the build warns) is marked decorative, which tells a reader nothing.
 */
export function imageDescriptions(chapters: readonly string[]): ImageDescriptions {
  const parser = unified().use(rehypeParse, { fragment: true });
  let images = 0;
  let described = 0;
  for (const html of chapters) {
    visit(parser.parse(html), 'element', (node) => {
      if (node.tagName !== 'img') return;
      images += 1;
      const alt = node.properties['alt'];
      if (typeof alt === 'string' && alt.trim() !== '') described += 1;
    });
  }
  if (images === 0) return 'none';
  return described === images ? 'described' : 'undescribed';
}
