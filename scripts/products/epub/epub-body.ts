import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { rehypeEpubAttributes } from '../../markdown/rehype-epub-attributes.ts';
import { rehypeEpubNotes } from '../../markdown/rehype-epub-notes.ts';

const processor = unified().use(rehypeParse, { fragment: true }).use(rehypeEpubNotes).use(rehypeEpubAttributes).use(rehypeStringify);

/** The article's HTML as the EPUB carries it: notes with EPUB 3 semantics, attributes the library keeps. */
export async function epubBody(html: string): Promise<string> {
  return String(await processor.process(html));
}
