import { basename, dirname } from 'node:path';
import { VFile } from 'vfile';
import { z } from 'zod';
import { labelsFor } from '../labels.ts';
import { articleSchema } from './front-matter-schema.ts';
import type { Article } from './load-article.ts';
import { excerpt } from '../excerpt.ts';
import { imageSource, locateImage } from './load-images.ts';
import { publicationDate } from './publication-date.ts';

const place = z.object({ line: z.number().int().positive(), column: z.number().int().positive() });

/**
 * What a build keeps of an article it read, beside its products: everything an issue that holds the
 * article needs, so that an unchanged article is not parsed, checked and decoded again. Plain JSON,
 * checked again when it is read back: a damaged record only means the manuscript is read anew.
 */
const storedArticleSchema = z.object({
  slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  // The front matter as read: defaults applied, so an empty list of keywords is one too.
  matter: articleSchema.extend({ keywords: z.array(z.string()) }),
  body: z.string(),
  printBody: z.string(),
  epubBody: z.string(),
  headings: z.array(z.object({ level: z.number().int().min(1).max(6), text: z.string(), id: z.string() })),
  ids: z.array(z.string()),
  images: z.array(
    z.object({
      path: z.string(),
      // Where the products serve it from: under media/, never out of the output folder.
      url: z.string().regex(/^(?!.*(?:^|\/)\.\.(?:\/|$))media\/[^\\]+$/),
      place,
      type: z.enum(['jpeg', 'png', 'gif', 'webp']),
      width: z.number().int().positive(),
      height: z.number().int().positive(),
    }),
  ),
  articleLinks: z.array(z.object({ manuscript: z.string(), id: z.string().optional(), place })),
  slugPlace: place.optional(),
});

/** An article as a record keeps it (see storedArticleSchema). */
export type StoredArticle = z.infer<typeof storedArticleSchema>;

/** The stored form of an article just read. */
export function storeArticle(article: Article): StoredArticle {
  const references = article.file.data.images ?? [];
  const images = references.flatMap((reference) => {
    const asset = article.images.find((image) => image.url === reference.url);
    return asset ? [{ ...reference, type: asset.type, width: asset.width, height: asset.height }] : [];
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
export async function restoreArticle(value: unknown, path: string, displayPath: string, root: string, env: NodeJS.ProcessEnv): Promise<Article | undefined> {
  const checked = storedArticleSchema.safeParse(value);
  if (!checked.success) return undefined;
  const stored = checked.data;
  const images = [];
  for (const image of stored.images) {
    const located = await locateImage(image, dirname(path), root);
    const source = 'problem' in located ? located : await imageSource(located.path, excerpt(image.path));
    if ('problem' in source) return undefined;
    images.push({ url: image.url, bytes: source.bytes, digest: source.digest, type: image.type, width: image.width, height: image.height });
  }
  const file = new VFile({ path: displayPath, cwd: process.cwd() });
  file.data.slug = stored.slug;
  file.data.images = stored.images.map(({ path: imagePath, url, place: at }) => ({ path: imagePath, url, place: at }));
  file.data.articleLinks = stored.articleLinks.map(({ manuscript, id, place: at }) => ({ manuscript, ...(id === undefined ? {} : { id }), place: at }));
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
