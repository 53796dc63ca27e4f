import { basename, dirname } from 'node:path';
import { VFile } from 'vfile';
import { labelsFor } from '../labels.ts';
import type { ArticleLink } from '../markdown/rehype-article-links.ts';
import type { ImageReference } from '../markdown/rehype-local-images.ts';
import type { FrontMatter } from './front-matter-schema.ts';
import type { Article, Heading } from './load-article.ts';
import { readImageFile } from './load-images.ts';
import { publicationDate } from './publication-date.ts';

/** An image of a stored article: where the manuscript names it, and what its check found. */
interface StoredImage extends ImageReference {
  contentType: string;
  width: number;
  height: number;
}

/**
 * What a build keeps of an article it read, beside its products: everything an issue that holds the
 * article needs, so that an unchanged article is not parsed, checked and decoded again. Plain JSON.
 */
export interface StoredArticle {
  slug: string;
  matter: FrontMatter;
  body: string;
  printBody: string;
  epubBody: string;
  headings: Heading[];
  ids: string[];
  images: StoredImage[];
  articleLinks: ArticleLink[];
  slugPlace?: { line: number; column: number };
}

/** The stored form of an article just read. */
export function storeArticle(article: Article): StoredArticle {
  const references = article.file.data.images ?? [];
  const images = references.flatMap((reference) => {
    const asset = article.images.find((image) => image.url === reference.url);
    return asset ? [{ ...reference, contentType: asset.contentType, width: asset.width, height: asset.height }] : [];
  });
  return {
    slug: article.slug,
    matter: article.matter,
    body: article.body,
    printBody: article.printBody,
    epubBody: article.epubBody,
    headings: article.headings,
    ids: [...article.ids],
    images,
    articleLinks: article.file.data.articleLinks ?? [],
    ...(article.file.data.slugPlace ? { slugPlace: article.file.data.slugPlace } : {}),
  };
}

/**
 * The article at `path` from its stored form, its images read again (their bytes were checked when the
 * record was found fresh). Undefined where an image can no longer be read: the caller reads the
 * manuscript anew, and its messages say what is wrong.
 */
export async function restoreArticle(stored: StoredArticle, path: string, displayPath: string, root: string, env: NodeJS.ProcessEnv): Promise<Article | undefined> {
  if (![stored.body, stored.printBody, stored.epubBody].every((html) => typeof html === 'string')) return undefined;
  const images = [];
  for (const image of stored.images) {
    const read = await readImageFile(image, dirname(path), root);
    if ('problem' in read) return undefined;
    images.push({ url: image.url, bytes: read.bytes, contentType: image.contentType, width: image.width, height: image.height });
  }
  const file = new VFile({ path: displayPath, cwd: process.cwd() });
  file.data.slug = stored.slug;
  file.data.images = stored.images.map(({ path: imagePath, url, place }) => ({ path: imagePath, url, place }));
  file.data.articleLinks = stored.articleLinks;
  if (stored.slugPlace) file.data.slugPlace = stored.slugPlace;
  return {
    slug: stored.slug,
    manuscript: basename(path),
    file,
    matter: stored.matter,
    labels: labelsFor(stored.matter.lang),
    body: stored.body,
    printBody: stored.printBody,
    epubBody: stored.epubBody,
    headings: stored.headings,
    ids: new Set(stored.ids),
    images,
    date: publicationDate(stored.matter.date, env),
  };
}
