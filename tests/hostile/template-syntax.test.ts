import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureDir } from '../helpers/build-fixture.ts';
import { loadArticle, type Article } from '../../scripts/manuscript/load-article.ts';
import { renderSite, siteInfo } from '../../scripts/products/render-site.ts';
import { renderWebContent } from '../../scripts/products/web.ts';
import { articlePublication } from '../../scripts/publication/publication.ts';

let article: Article;
let html: string;

beforeAll(async () => {
  const dir = fixtureDir('template-syntax');
  const loaded = await loadArticle(join(dir, 'mustache.md'), 'mustache.md', dir);
  if (!('body' in loaded)) throw new Error(`the fixture should load: ${loaded.messages.join('\n')}`);
  article = loaded;
  const publication = articlePublication(article);
  const { kind, name, title, lang, isoDate, publisher } = publication;
  const entry = { kind, name, title, lang, isoDate, publisher, ...(publication.description ? { description: publication.description } : {}), downloads: [], web: await renderWebContent(publication, new Map()) };
  const [page] = await renderSite([entry], siteInfo(undefined, [entry]), false);
  html = String(page?.bytes);
});

describe('an article about template languages', () => {
  it('keeps {{…}} in the text as written', () => {
    expect(html).toContain('Mustache replaces {{title}} with the title and {{{body}}} with raw HTML');
    expect(html).toContain('A section {{#source}}shows only with a source{{/source}}, and {{missing}} is just text.');
  });

  it('keeps {{…}} in code spans and code blocks as written', () => {
    expect(html).toContain('<code>{{name | uppercase}}</code>');
    expect(html).toContain('<code>{{name}}</code>');
    expect(html).toContain('&#x3C;h1>{{title}}&#x3C;/h1>\n{{#items}}&#x3C;li>{{name}}&#x3C;/li>{{/items}}\n{{body}}');
  });

  it('keeps {{…}} in the front matter as written', () => {
    expect(html).toContain('<title>Templates in {{title}} and {{{body}}} – The Template Review</title>');
    expect(html).toContain('How Mustache and Angular read {{name}}, {{#items}} and {{/items}}.');
    expect(html).toContain('{{author}}');
  });
});
