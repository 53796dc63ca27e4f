import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadArticle } from '../../scripts/manuscript/load-article.ts';
import { pathologicalManuscript } from '../bench/pathological-inputs.ts';

/** Loads a manuscript of `kind` just under the 1 MB limit; returns its errors as `line:column reason`. */
async function errorsOf(kind: string): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'folio-pathological-'));
  await writeFile(join(dir, 'input.md'), pathologicalManuscript(kind, 990_000));
  const loaded = await loadArticle(join(dir, 'input.md'), 'input.md', dir);
  const file = 'file' in loaded ? loaded.file : loaded;
  return file.messages.filter((message) => message.fatal).map((message) => `${message.line}:${message.column} ${message.reason}`);
}

// Inputs whose parsing time grows with the square of their length: each is refused before parsing, at
// the marker that goes past the limit (line 10 is the first line of the body).
describe.each([
  ['link closers without openers', '10:4002 this paragraph holds more than 2000 square brackets'],
  ['link openers without closers', '10:4001 this paragraph holds more than 2000 square brackets'],
  ['pattern [ (](', '10:5001 this paragraph holds more than 2000 square brackets'],
  ['nested brackets', '10:2001 this paragraph holds more than 2000 square brackets'],
  ['unclosed links A', '10:6001 this paragraph holds more than 2000 square brackets'],
  ['unclosed links B', '10:5001 this paragraph holds more than 2000 square brackets'],
  ['unclosed HTML comments', '10:7001 this paragraph holds more than 2000 < signs'],
  ['unclosed CDATA', '10:11005 this paragraph holds more than 2000 square brackets'],
  ['backticks of growing length', '10:50000 this paragraph is longer than 50,000 characters'],
  ['many footnotes', '10:16892 more than 2000 footnote markers'],
  ['many link reference definitions', '2010:1 more than 2000 link reference definitions'],
  ['many references to one footnote', '10:12002 more than 2000 footnote markers'],
  ['nested strong emphasis', '10:3501 this paragraph holds more than 1000 runs of * or _'],
])('a manuscript of %s', (kind, error) => {
  it('is refused at its place, with what to do', async () => {
    expect(await errorsOf(kind)).toEqual([expect.stringContaining(error)]);
  });
});

// Inputs that parse in time but that Chromium or the HTML tools cannot handle whole.
describe.each([
  ['one long paragraph', '10:50000 this paragraph is longer than 50,000 characters, more than any edition can lay out in time: split it into paragraphs with blank lines'],
  ['wide table', '10:2001 this line holds 123713 | signs, more than the 500 table cells a row may have: split the table'],
  ['long table', '1010:1 more than 1000 table rows in a row, more than any edition can lay out in time: split the table'],
])('a manuscript of %s', (kind, error) => {
  it('is refused at its place, with what to do', async () => {
    expect(await errorsOf(kind)).toEqual([error]);
  });
});
