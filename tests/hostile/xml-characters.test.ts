import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuildReport } from '../../scripts/build.ts';
import { buildFixture } from '../helpers/build-fixture.ts';
import { epubcheck, zipEntries, zipText } from '../helpers/tools.ts';

const SLUG = 'characters';
/** What XML 1.0 forbids, and its noncharacters: none may reach a product. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]|\p{Noncharacter_Code_Point}|\p{Cs}/u;
let outDir: string;
let report: BuildReport;

beforeAll(async () => {
  ({ outDir, report } = await buildFixture('xml-characters'));
});

/** The build's messages as `line:column reason`. */
function messages(): string[] {
  return (report.files[0]?.messages ?? []).map((message) => `${message.line}:${message.column} ${message.reason}`);
}

describe('characters XML does not allow, in the front matter and the body', () => {
  it.each([
    ['2:22', 'noncharacter U+FFFE replaced with a space'],
    ['5:9', 'noncharacter U+FFFF (written as an escape) replaced with a space'],
    ['5:9', 'control character U+0001 (written as an escape) replaced with a space'],
    ['10:16', 'noncharacter U+FFFF replaced with a space'],
    ['10:27', 'noncharacter U+FDD0 replaced with a space'],
    ['10:57', 'noncharacter U+1FFFE replaced with a space'],
    ['10:74', 'control character U+0001 replaced with a space'],
    ['14:1', 'noncharacter U+FFFF (written as a character reference) replaced with a space'],
    ['14:21', 'noncharacter U+FFFE (written as a character reference) replaced with a space'],
    ['14:21', 'control character U+0002 (written as a character reference) replaced with a space'],
  ])('reports at %s: %s', (place, reason) => {
    expect(messages()).toContainEqual(expect.stringContaining(`${place} ${reason}`));
  });

  it.each([
    ['6:16', 'U+202E (right-to-left override)'],
    ['6:21', 'U+202C (pop directional formatting)'],
    ['12:12', 'U+2067 (right-to-left isolate)'],
  ])('warns about the bidirectional control at %s, %s', (place, name) => {
    expect(messages()).toContainEqual(`${place} invisible character ${name}: it shows the text around it in another order than it is written; delete it unless it is meant`);
  });

  it('builds, with warnings only', () => {
    expect(report.ok).toBe(true);
    expect(report.files[0]?.messages.some((message) => message.fatal)).toBe(false);
  });

  it('keeps them out of every text product', async () => {
    const texts = [await readFile(join(outDir, `${SLUG}.html`), 'utf8'), await readFile(join(outDir, 'index.html'), 'utf8')];
    const epub = join(outDir, `${SLUG}.epub`);
    for (const entry of zipEntries(epub).filter((name) => /\.(xhtml|opf|ncx)$/.test(name))) texts.push(zipText(epub, entry));
    expect(texts.length).toBeGreaterThan(4);
    for (const text of texts) expect(text).not.toMatch(NOT_XML);
    expect(texts[0]).toContain('Noncharacters  in the title');
    expect(await readdir(outDir)).toContain(`${SLUG}.pdf`);
  });

  it('gives an EPUB that epubcheck passes', () => {
    expect(epubcheck(join(outDir, `${SLUG}.epub`)).messages).toEqual([]);
  });
});
