import type { Root as HastRoot } from 'hast';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import type { Labels } from '../labels.ts';
import { rehypeArticleLinks } from './rehype-article-links.ts';
import { rehypeBareLinks } from './rehype-bare-links.ts';
import { rehypeEpubAttributes } from './rehype-epub-attributes.ts';
import { rehypeEpubNotes } from './rehype-epub-notes.ts';
import { rehypeFigures } from './rehype-figures.ts';
import { rehypePageMarks } from './rehype-page-marks.ts';
import { rehypeLinkTargets } from './rehype-link-targets.ts';
import { rehypeLocalImages } from './rehype-local-images.ts';
import { rehypeReportUnsafe } from './rehype-report-unsafe.ts';
import { rehypeUnbreakableCodes } from './rehype-unbreakable-codes.ts';
import { rehypeTableAlign } from './rehype-table-align.ts';
import { rehypeUniqueIds } from './rehype-unique-ids.ts';
import { rehypeXmlCharacters } from './rehype-xml-characters.ts';
import { sanitizeSchema } from './sanitize-schema.ts';
import { remarkCaptions } from './remark-captions.ts';
import { remarkOneTitle } from './remark-one-title.ts';

/** The ids the templates around an article use (templates/*.html): the article's own ids must differ. */
export const TEMPLATE_IDS: readonly string[] = [
  'downloads-title',
  'downloads-print-title',
  'issue-contents-title',
  'index-issue',
  'index-article',
  // The headings of an article's links to the issues that hold it, one for each (templates/article-nav.html).
  ...Array.from({ length: 9 }, (_, index) => `article-nav-${index + 1}`),
];

/** What the processor knows of an article besides its Markdown. */
export interface ProcessorOptions {
  /** The file names of the folder's manuscripts, which links may point to. */
  manuscripts?: ReadonlySet<string> | undefined;
  /** The front matter's headline, which the templates print as the article's one h1. */
  title?: string | undefined;
}

/** Builds the unified processor that turns a manuscript into the article's HTML, in the article's language. */
export function createProcessor(labels: Labels, { manuscripts = new Set(), title }: ProcessorOptions = {}) {
  return unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkGfm)
    .use(remarkDirective)
    .use(remarkCaptions, { label: labels.photoNotCarried })
    // On the Markdown tree, before the ids are made and the print and EPUB trees are copied from it.
    .use(remarkOneTitle, { title })
    .use(remarkRehype, {
      allowDangerousHtml: true,
      footnoteLabel: labels.footnotes,
      // The label starts with the caret a reader sees, so that the link's name holds its visible text (WCAG 2.5.3).
      footnoteBackLabel: (referenceIndex: number) => `^ ${labels.backToContent} ${referenceIndex + 1}`,
      // The default "↩" (and any arrow) is in neither shipped face: the PDF would embed a system font
      // for it. A caret, as Wikipedia uses, is in every face.
      footnoteBackContent: '^',
      clobberPrefix: '',
    })
    .use(rehypeRaw)
    // Before the sanitizer, so that an image it would strip of a `file:` or `data:` source is still named.
    .use(rehypeLocalImages)
    .use(rehypeReportUnsafe, sanitizeSchema)
    .use(rehypeSanitize, sanitizeSchema)
    .use(rehypeXmlCharacters)
    .use(rehypeTableAlign)
    .use(rehypeBareLinks)
    // After the sanitizer, which would take the internal scheme for an unsafe one.
    .use(rehypeArticleLinks, { manuscripts })
    .use(rehypeSlug)
    .use(rehypeUniqueIds, { reserved: TEMPLATE_IDS })
    .use(rehypeFigures)
    .use(rehypeUnbreakableCodes)
    .use(rehypeStringify);
}

/** The processor's type, for modules that run its two halves apart. */
export type Processor = ReturnType<typeof createProcessor>;

/** Parses and transforms a manuscript into a HTML tree (the images are not read yet). */
export async function toHast(processor: Processor, file: VFile): Promise<HastRoot> {
  return (await processor.run(processor.parse(file), file)) as HastRoot;
}

/** The transforms that make the press variant of an article's tree: its blocks marked for page breaks (see rehypePageMarks), links become numbered, printed addresses. */
export function createPrintTransform(labels: Labels) {
  return unified().use(rehypePageMarks).use(rehypeLinkTargets, { label: labels.linkTargets });
}

/** What turns an article's tree into the one an EPUB carries: notes with EPUB 3 semantics, attributes the EPUB library keeps. */
export function createEpubTransform() {
  return unified().use(rehypeEpubNotes).use(rehypeEpubAttributes);
}
