import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadArticle } from '../../scripts/manuscript/load-article.ts';
import { renderWebContent } from '../../scripts/products/web.ts';
import { articlePublication } from '../../scripts/publication/publication.ts';
import { fixtureDir } from '../helpers/build-fixture.ts';

describe('the picture a shared link shows', () => {
  it('is the article’s first photo, with its alt text as the manuscript writes it', async () => {
    const dir = fixtureDir('share-image');
    const article = await loadArticle(join(dir, 'anh-chia-se.md'), 'anh-chia-se.md', dir);
    if (!('body' in article)) throw new Error(`the fixture should load: ${article.messages.join('\n')}`);
    const { image } = await renderWebContent(articlePublication(article), new Map());
    expect(image).toEqual({ url: 'media/anh-chia-se/images/doi-che.320.png', width: 320, height: 200, alt: 'Cô "Hoa" & bạn <bên> gian hàng chè' });
  });
});
