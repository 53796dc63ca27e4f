import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { VFile } from 'vfile';
import { fixtureDir } from '../helpers/build-fixture.ts';
import { loadArticle, type Article } from '../../scripts/manuscript/load-article.ts';

let article: Article;
let badEncoding: VFile;

beforeAll(async () => {
  const dir = fixtureDir('text-characters');
  const loaded = await loadArticle(join(dir, 'characters.md'), 'characters.md', dir);
  if (!('body' in loaded)) throw new Error(`the fixture should load: ${loaded.messages.join('\n')}`);
  article = loaded;
  const bad = fixtureDir('text-encoding');
  const failed = await loadArticle(join(bad, 'bad-utf8.md'), 'bad-utf8.md', bad);
  badEncoding = 'file' in failed ? failed.file : failed;
});

/** Messages as `line:column reason`. */
function messages(file: VFile): string[] {
  return file.messages.map((message) => `${message.line}:${message.column} ${message.reason}`);
}

describe('text pasted from word processors and web pages', () => {
  it('drops the BOM and reads the front matter behind it', () => {
    expect(String(article.file.value).startsWith('---\n')).toBe(true);
    expect(article.matter.title).toBe('Text pasted from everywhere');
  });

  it('reads CRLF line ends as lines, with no carriage return left', () => {
    expect(String(article.file.value)).not.toContain('\r');
    expect(article.body).toContain('<p>Last line.</p>');
  });

  it('turns decomposed letters into composed ones', () => {
    expect(article.body).toContain('Café phở Việt Nam: decomposed letters.');
    expect(article.body).toBe(article.body.normalize('NFC'));
  });

  it('warns about each control character at its place and keeps it out of the products', () => {
    expect(messages(article.file)).toContainEqual(expect.stringMatching(/^12:12 control character U\+000C replaced with a space/));
    expect(messages(article.file)).toContainEqual(expect.stringMatching(/^12:35 control character U\+0085 replaced with a space/));
    expect(article.body).toContain('A form feed  here and a C1 control  there.');
    expect(article.body).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
  });

  it.each([
    [5, 'U+200B', 'zero width space'],
    [16, 'U+200C', 'zero width non-joiner'],
    [31, 'U+200D', 'zero width joiner'],
    [38, 'U+2060', 'word joiner'],
    [55, 'U+FEFF', 'byte order mark inside the text'],
  ])('warns about the invisible character at 14:%i (%s)', (column, code, name) => {
    expect(messages(article.file)).toContainEqual(`14:${column} invisible character ${code} (${name}): it hides in copied text and breaks search; delete it unless it is meant`);
  });

  it('fails on invalid UTF-8, naming the line and column', () => {
    expect(badEncoding.messages).toHaveLength(1);
    expect(badEncoding.messages[0]?.fatal).toBe(true);
    expect(messages(badEncoding)).toEqual(['12:38 invalid UTF-8 at line 12, column 38: the file was saved in another encoding or damaged; save it as UTF-8']);
  });
});
