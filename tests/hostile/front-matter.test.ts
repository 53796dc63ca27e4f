import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureDir } from '../helpers/build-fixture.ts';
import { runCli, type CliResult } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-fixture.ts';

const A = 'tests/fixtures/bad-front-matter/a-wrong-values.md';
const B = 'tests/fixtures/bad-front-matter/b-missing-keys.md';
const C = 'tests/fixtures/bad-front-matter/c-bad-yaml.md';
let outDir: string;
let result: CliResult;

beforeAll(async () => {
  outDir = join(await tempDir('front-matter'), 'out');
  result = await runCli(['--manuscript', fixtureDir('bad-front-matter'), '--out', outDir]);
});

/** The report's lines for one file (`path:line:column: severity: reason`), as `line:column severity reason`. */
function messagesOf(path: string): string[] {
  return result.stderr
    .split('\n')
    .filter((line) => line.startsWith(`${path}:`))
    .map((line) => line.slice(path.length + 1).replace(/^(\d+:\d+): (error|warning): /, '$1 $2 '));
}

describe('broken front matter', () => {
  it('exits 1 and writes nothing', () => {
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Build failed: nothing was written');
    expect(existsSync(outDir)).toBe(false);
  });

  it('points at each wrong value with what is expected and what was found', () => {
    const messages = messagesOf(A);
    expect(messages).toContainEqual(expect.stringMatching(/^3:7 error front matter `lang`: expected a language tag such as `vi` or `en` \(found `42`\)/));
    expect(messages).toContainEqual(expect.stringMatching(/^4:7 error front matter `date`: expected a real calendar date as YYYY-MM-DD \(found `2024-02-30`\)/));
    expect(messages).toContainEqual(expect.stringMatching(/^5:9 error front matter `author`: expected the author’s name, not an empty value/));
    expect(messages).toContainEqual(expect.stringMatching(/^8:11 error front matter `keywords`: expected a list of keywords \(found `just one string`\)/));
  });

  it('warns about an unknown key at its line without failing on it alone', () => {
    expect(messagesOf(A)).toContainEqual(expect.stringMatching(/^9:1 warning unknown front matter key `colour` is ignored; known keys: title, slug, lang/));
  });

  it('names every missing key at the closing fence, and a wrong address at its value', () => {
    const messages = messagesOf(B);
    for (const key of ['author', 'publisher']) {
      expect(messages).toContainEqual(expect.stringMatching(new RegExp(`^6:1 error missing front matter key \`${key}\`: expected .*; add the line \`${key}: …\``)));
    }
    expect(messages).toContainEqual(expect.stringMatching(/^5:9 error front matter `source`: expected the original article’s http\(s\) address \(found `ftp:\/\/example.org\/file`\)/));
  });

  it('reports invalid YAML with its place', () => {
    expect(messagesOf(C)).toContainEqual(expect.stringMatching(/^\d+:\d+ error invalid YAML: /));
  });

  it('reports all errors of all manuscripts in one run', () => {
    expect(result.stderr).toMatch(/^8 errors, 1 warning$/m);
  });
});

describe('the command line', () => {
  it('exits 2 with the usage for an unknown option', async () => {
    const wrong = await runCli(['--outdir', 'somewhere']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/Unknown option '--outdir'/);
    expect(wrong.stderr).toContain('Usage: npm run build -- [--manuscript DIR] [--out DIR]');
  });

  it('exits 2 with the usage for an option without its value', async () => {
    const wrong = await runCli(['--out']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('Usage:');
  });
});
