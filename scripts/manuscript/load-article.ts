import { basename, dirname } from 'node:path';
import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { placedImages, type PlacedImage } from '../images/check-images.ts';
import { pointImagesAt, setImageSizes } from '../images/image-markup.ts';
import { labelsFor, type Labels } from '../labels.ts';
import { collectIds } from '../markdown/element-ids.ts';
import { createEpubTransform, createPrintTransform, createProcessor, toHast, type Processor } from '../markdown/processor.ts';
import type { FrontMatter } from './front-matter-schema.ts';
import { checkCharacters } from './check-characters.ts';
import { hasFatal } from './has-fatal.ts';
import { checkNesting, deepestNesting } from './check-nesting.ts';
import { insideFolder } from './inside-folder.ts';
import { loadImages, type ImageAsset } from './load-images.ts';
import { publicationDate } from './publication-date.ts';
import { readFrontMatter } from './read-front-matter.ts';
import { readManuscript } from './read-manuscript.ts';
import type { Settings } from './settings-schema.ts';
import { slugFromFileName } from './slug-from-file-name.ts';

/** What an article is read with besides its own file: the publication's settings, the other manuscripts. */
export interface ArticleContext {
  settings?: Settings;
  /** The file names of the folder's manuscripts, which links may point to. */
  manuscripts?: ReadonlySet<string>;
  /** Decodes the images read and checks them for print, with messages at their places (see images/check-images.ts). */
  checkImages?: (file: VFile, images: readonly PlacedImage[]) => Promise<void>;
}

/** A heading of the article, in document order. */
export interface Heading {
  level: number;
  text: string;
  id: string;
}

/** One manuscript, read, checked and rendered to HTML: everything a product needs. */
export interface Article {
  slug: string;
  /** The manuscript's file name, which links between articles name. */
  manuscript: string;
  file: VFile;
  matter: FrontMatter;
  labels: Labels;
  /** The article body as HTML (no title: the templates print it from the front matter). */
  body: string;
  /** The body for paper editions: every link's address printed as a numbered note. */
  printBody: string;
  /** The body for the EPUB: notes with EPUB 3 semantics. */
  epubBody: string;
  headings: Heading[];
  /** Every id of the body: the places a link from another article may name. */
  ids: Set<string>;
  images: ImageAsset[];
  /** The publication date, or SOURCE_DATE_EPOCH where set: the only time a product carries. */
  date: Date;
}

/**
 * Reads `path` into an Article. Returns the vfile alone when it has a fatal message, so that the
 * caller can report every manuscript's problems before it gives up.
 */
export async function loadArticle(
  path: string,
  displayPath: string,
  root: string,
  env: NodeJS.ProcessEnv = process.env,
  context: ArticleContext = {},
): Promise<Article | VFile> {
  if (!(await insideFolder(root, path))) return outsideManuscript(path, displayPath);
  const file = await readManuscript(path, displayPath);
  if (hasFatal(file)) return file;
  checkCharacters(file);
  if (!checkNesting(file)) return file;
  const matter = readFrontMatter(file, context.settings);
  const slug = matter?.slug ?? slugFromFileName(path);
  if (slug === undefined) {
    const message = file.message(`the file name ${basename(path)} has no letter or digit of a-z and 0-9 to make the products' names from: add a \`slug: …\` line to the front matter (such as \`slug: bao-cao-2023\`) or rename the file`, {
      place: { line: 1, column: 1 },
      ruleId: 'slug',
      source: 'folio',
    });
    message.fatal = true;
    return file;
  }
  file.data.slug = slug;
  file.data.slugPlace = slugPlace(file);
  const labels = labelsFor(matter?.lang ?? 'en');
  const processor = createProcessor(labels, { manuscripts: context.manuscripts, title: matter?.title });
  const tree = await toHastWithinStack(processor, file);
  if (!tree) return file;
  const images = await loadImages(file, file.data.images ?? [], dirname(path), root);
  // Every image read is checked, also where another is missing: the author learns of all at once.
  await context.checkImages?.(file, placedImages(images, file.data.images ?? []));
  if (!matter || hasFatal(file)) return file;
  setImageSizes(tree, images);
  const printTree = (await createPrintTransform(labels).run(structuredClone(tree), file)) as Root;
  const epubTree = (await createEpubTransform().run(structuredClone(tree), file)) as Root;
  pointImagesAt(epubTree, images, 'epub');
  pointImagesAt(printTree, images, 'press');
  return {
    slug,
    manuscript: basename(path),
    file,
    matter,
    labels,
    body: processor.stringify(tree),
    printBody: processor.stringify(printTree),
    epubBody: processor.stringify(epubTree),
    headings: collectHeadings(tree),
    ids: collectIds(tree),
    images,
    date: publicationDate(matter.date, env),
  };
}

function outsideManuscript(path: string, displayPath: string): VFile {
  const file = new VFile({ path: displayPath, cwd: process.cwd() });
  const message = file.message(`${basename(path)} is a link to a file outside the manuscript folder: copy the manuscript itself into the folder`, {
    place: { line: 1, column: 1 },
    ruleId: 'manuscript-file',
    source: 'folio',
  });
  message.fatal = true;
  return file;
}

/**
 * The processor's tree, or undefined with a fatal message when the manuscript nests deeper than the
 * call stack allows (raw HTML elements, emphasis and links, which checkNesting cannot see).
 */
async function toHastWithinStack(processor: Processor, file: VFile): Promise<Root | undefined> {
  try {
    return await toHast(processor, file);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const message = file.message('the manuscript nests elements too deeply to be processed: flatten the nesting here (HTML, lists, quotes, emphasis or links)', {
      place: deepestNesting(file),
      ruleId: 'nesting-depth',
      source: 'folio',
    });
    message.fatal = true;
    return undefined;
  }
}

/** Where the front matter sets the slug; the top of the file, whose name gives it, where it does not. */
function slugPlace(file: VFile): { line: number; column: number } {
  const text = String(file.value);
  const end = text.indexOf('\n---', 3);
  const match = /^slug:/m.exec(text.slice(0, end === -1 ? 0 : end));
  if (!match) return { line: 1, column: 1 };
  return { line: text.slice(0, match.index).split('\n').length, column: 1 };
}

declare module 'vfile' {
  interface DataMap {
    /** Where the front matter sets the slug, for messages about the products' names. */
    slugPlace: { line: number; column: number };
  }
}

function collectHeadings(tree: Root): Heading[] {
  const headings: Heading[] = [];
  visit(tree, 'element', (node: Element) => {
    const match = /^h([1-6])$/.exec(node.tagName);
    const text = toString(node).replace(/\s+/g, ' ').trim();
    // An empty heading has nothing to show in a table of contents or an outline (epubcheck refuses it).
    if (!match || typeof node.properties.id !== 'string' || text === '') return;
    headings.push({ level: Number(match[1]), text, id: node.properties.id });
  });
  return headings;
}
