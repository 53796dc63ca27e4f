import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureDir } from '../helpers/build-fixture.ts';
import { loadArticle, type Article } from '../../scripts/manuscript/load-article.ts';

let article: Article;

beforeAll(async () => {
  const dir = fixtureDir('hostile-html');
  const loaded = await loadArticle(join(dir, 'raw-html.md'), 'raw-html.md', dir);
  if (!('body' in loaded)) throw new Error(`the fixture should load: ${loaded.messages.join('\n')}`);
  article = loaded;
});

/** Warnings as `line:column reason`. */
function warnings(): string[] {
  return article.file.messages.map((message) => `${message.line}:${message.column} ${message.reason}`);
}

describe('raw HTML in a manuscript', () => {
  it.each([
    [12, 1, 'removed the <script> element and its content: a publication runs no scripts'],
    [14, 1, 'removed the <iframe> element and its content'],
    [16, 1, 'removed the <object> element and its content'],
    [18, 1, 'removed the <embed> element and its content'],
    [20, 1, 'removed the <link> element'],
    [22, 1, 'removed the <meta> element'],
    [24, 1, 'removed the <style> element and its content'],
    [26, 1, 'removed onclick="alert(\'click\')" from <p>: event handlers never run in a publication'],
    [26, 1, 'removed style="background: url(http://127.0.0.1:9/inline.png)" from <p>'],
    [28, 1, 'removed href="javascript:alert(\'link\')" from <a>: a publication runs no scripts'],
    [30, 1, 'removed the <video> element'],
    [30, 82, 'removed the <source> element'],
    [32, 1, 'removed the <audio> element'],
    [34, 1, 'removed the <picture> element'],
    [34, 10, 'removed the <source> element'],
    [36, 1, 'removed style="background-image: url(\'http://127.0.0.1:9/div.png\')" from <div>'],
    [38, 1, 'removed onerror="alert(\'img\')" from <img>: event handlers never run in a publication'],
    [38, 1, 'removed srcset="http://127.0.0.1:9/srcset.png 2x" from <img>'],
    [40, 1, 'removed href="javascript:alert(\'markdown\')" from <a>'],
    [40, 64, 'removed href="JaVa\tScRiPt:alert(\'obfuscated\')" from <a>: a publication runs no scripts'],
    [42, 1, 'removed the <svg> element and its content'],
  ])('warns at %i:%i: %s', (line, column, reason) => {
    expect(warnings()).toContainEqual(expect.stringContaining(`${line}:${column} ${reason}`));
  });

  it('reports each removal once, and only as a warning', () => {
    expect(article.file.messages.filter((message) => message.ruleId === 'unsafe-html')).toHaveLength(21);
    expect(article.file.messages.some((message) => message.fatal)).toBe(false);
  });

  it('keeps no script, frame, plug-in, style sheet, handler, javascript: URL or remote load', () => {
    for (const banned of [/<script/i, /<iframe/i, /<object/i, /<embed/i, /<link/i, /<meta/i, /<style/i, /<svg/i, /<video/i, /<audio/i, /<source/i, /\son\w+=/i, /javascript:/i, /style=/i, /srcset/i, /url\(/i]) {
      expect(article.body).not.toMatch(banned);
    }
    expect(article.body).not.toContain('alert(');
  });

  it('keeps the text, the plain link and the local image', () => {
    expect(article.body).toContain('Text before the hostile HTML.');
    expect(article.body).toContain('Text after the hostile HTML.');
    expect(article.body).toContain('<a href="http://127.0.0.1:9/page">a plain link</a>');
    expect(article.body).toContain('<div>A div with CSS that loads a file.</div>');
    expect(article.body).toMatch(/<img src="media\/raw-html\/images\/ok\.png" alt="A local image" width="320" height="200">/);
  });
});
