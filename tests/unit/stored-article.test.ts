import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { findManuscripts } from '../../scripts/manuscript/find-manuscripts.ts';
import { loadArticle, type Article } from '../../scripts/manuscript/load-article.ts';
import { readSettings } from '../../scripts/manuscript/read-settings.ts';
import { restoreArticle, storeArticle } from '../../scripts/manuscript/stored-article.ts';
import { fixtureDir } from '../helpers/build-fixture.ts';

/** Every article of a fixture folder, read as a build reads it (with the folder's settings, if any). */
async function articlesOf(name: string): Promise<{ root: string; articles: Article[] }> {
  const root = fixtureDir(name);
  const settings = (await readSettings(root, (path) => path))?.settings;
  const manuscripts = await findManuscripts(root);
  const names = new Set(manuscripts.map((path) => basename(path)));
  const articles = await Promise.all(manuscripts.map((path) => loadArticle(path, path, root, process.env, { ...(settings ? { settings } : {}), manuscripts: names })));
  for (const article of articles) if (article instanceof VFile) throw new Error(`${article.path} did not load: ${String(article.messages[0])}`);
  return { root, articles: articles as Article[] };
}

/** Places as messages use them: line and column (a record keeps no offsets). */
const places = (value: unknown) => JSON.parse(JSON.stringify(value ?? [], (key, item: unknown) => (key === 'offset' ? undefined : item))) as unknown;

describe('an article as a record stores it', () => {
  it.each(['manuscript', 'issue', 'bulletin-minimal', 'unseen', 'one-title'])('comes back from JSON as it was read (%s)', async (name) => {
    const { root, articles } = await articlesOf(name);
    for (const article of articles) {
      const path = `${root}/${article.manuscript}`;
      const restored = await restoreArticle(JSON.parse(JSON.stringify(storeArticle(article))), path, path, root, process.env);
      expect(restored, article.manuscript).toBeDefined();
      const { file, labels, ...rest } = restored as Article;
      const { file: originalFile, labels: originalLabels, ...original } = article;
      // An image's bytes are read when asked for: compared as read.
      const withoutBytes = (value: Omit<Article, 'file' | 'labels'>) => ({ ...value, images: value.images.map(({ bytes: _, ...image }) => image) });
      expect(withoutBytes(rest)).toEqual(withoutBytes(original));
      for (const [index, image] of rest.images.entries()) expect(Buffer.from(await image.bytes()).equals(Buffer.from(await (original.images[index] as Article['images'][number]).bytes()))).toBe(true);
      expect(labels).toEqual(originalLabels);
      expect(places(file.data.articleLinks)).toEqual(places(originalFile.data.articleLinks));
      expect(places(file.data.images)).toEqual(places(originalFile.data.images));
    }
  });
});
