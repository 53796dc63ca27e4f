import { readFile } from 'node:fs/promises';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { readFrontMatter } from '../../scripts/manuscript/read-front-matter.ts';

async function fixture(): Promise<VFile> {
  const path = 'tests/fixtures/front-matter-errors/bad.md';
  return new VFile({ path, value: await readFile(path, 'utf8') });
}

function report(file: VFile): string[] {
  return file.messages.map((message) => `${message.line}:${message.column} ${message.fatal ? 'error' : 'warning'} ${message.reason}`);
}

describe('front matter', () => {
  it('reports every wrong key at once, each at its line and column, saying what is expected', async () => {
    const file = await fixture();
    expect(readFrontMatter(file)).toBeUndefined();
    const lines = report(file);
    expect(lines).toContainEqual(expect.stringMatching(/^4:7 error front matter `date`: expected a real calendar date as YYYY-MM-DD \(found `2023-13-45`\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^6:14 error front matter `description`: expected a one- or two-sentence description/));
    expect(lines).toContainEqual(expect.stringMatching(/^7:9 error front matter `source`: expected the original article’s http\(s\) address \(found `ftp:\/\/example\.org\/x`\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^9:1 error missing front matter key `author`: expected the author’s name \(text\); add the line `author: …`$/));
  });

  it('warns about an unknown key without failing on it', async () => {
    const file = await fixture();
    readFrontMatter(file);
    expect(report(file)).toContainEqual(expect.stringMatching(/^8:1 warning unknown front matter key `colour` is ignored/));
  });

  it('points at the line of a YAML syntax error', () => {
    const file = new VFile({ path: 'x.md', value: '---\ntitle: [unclosed\nlang: vi\n---\n\nText.\n' });
    expect(readFrontMatter(file)).toBeUndefined();
    expect(file.messages[0]?.fatal).toBe(true);
    expect(file.messages[0]?.reason).toMatch(/^invalid YAML/);
    expect(file.messages[0]?.line).toBeGreaterThanOrEqual(2);
  });

  it('asks for front matter when the file has none', () => {
    const file = new VFile({ path: 'x.md', value: '# Just a heading\n' });
    expect(readFrontMatter(file)).toBeUndefined();
    expect(report(file)).toEqual([expect.stringMatching(/^1:1 error missing front matter: start the file with a `---` line/)]);
  });

  it('gives a valid front matter back with defaults', () => {
    const file = new VFile({
      path: 'x.md',
      value: '---\ntitle: T\nlang: vi\ndate: 2023-08-25\nauthor: A\npublisher: P\ndescription: D\n---\n',
    });
    expect(readFrontMatter(file)).toEqual({ title: 'T', lang: 'vi', date: '2023-08-25', author: 'A', publisher: 'P', description: 'D', keywords: [] });
    expect(file.messages).toEqual([]);
  });
});
