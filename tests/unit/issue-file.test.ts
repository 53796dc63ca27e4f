import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { readIssue } from '../../scripts/manuscript/read-issues.ts';
import { readSettings } from '../../scripts/manuscript/read-settings.ts';
import { tempDir } from '../helpers/temp-fixture.ts';

/** A manuscript folder with two manuscripts and the given files, by path. */
async function folder(files: Readonly<Record<string, string>>): Promise<string> {
  const root = await tempDir('issue-file');
  await mkdir(join(root, 'issues'));
  for (const [name, text] of Object.entries({ 'a.md': '', 'b.md': '', ...files })) await writeFile(join(root, name), text);
  return root;
}

function report(file: Pick<VFile, 'messages'> | undefined): string[] {
  if (!file) return [];
  return file.messages.map((message) => `${message.line}:${message.column} ${message.fatal ? 'error' : 'warning'} ${message.reason}`);
}

async function issueMessages(yaml: string): Promise<string[]> {
  const root = await folder({ 'issues/so-2.yaml': yaml });
  const issue = await readIssue(join(root, 'issues', 'so-2.yaml'), (path) => path, root, [join(root, 'a.md'), join(root, 'b.md')]);
  return report(issue.file);
}

describe('an issue file', () => {
  it('reads the number, date and articles in their order', async () => {
    const root = await folder({ 'issues/so-2.yaml': 'number: 2\ndate: 2024-07-01\narticles:\n  - b.md\n  - a.md\n' });
    const issue = await readIssue(join(root, 'issues', 'so-2.yaml'), (path) => path, root, [join(root, 'a.md'), join(root, 'b.md')]);
    expect(issue.file.messages).toEqual([]);
    expect(issue.matter).toMatchObject({ number: 2, date: '2024-07-01' });
    expect(issue.articles).toEqual([join(root, 'b.md'), join(root, 'a.md')]);
  });

  it('reports an unknown article at its line', async () => {
    expect(await issueMessages('number: 2\ndate: 2024-07-01\narticles:\n  - a.md\n  - c.md\n')).toEqual([expect.stringMatching(/^5:5 error `c\.md` is not a manuscript of /)]);
  });

  it('reports an article listed twice at its second line', async () => {
    expect(await issueMessages('number: 2\ndate: 2024-07-01\narticles:\n  - a.md\n  - b.md\n  - a.md\n')).toEqual(['6:5 error `a.md` is listed twice: an article appears once in an issue']);
  });

  it('reports an empty issue at its list', async () => {
    expect(await issueMessages('number: 2\ndate: 2024-07-01\narticles: []\n')).toEqual([expect.stringMatching(/^3:11 error issue `articles`: an issue needs at least one article/)]);
  });

  it('reports a missing number and a malformed date, each where it belongs', async () => {
    expect(await issueMessages('date: 1/7/2024\narticles:\n  - a.md\n')).toEqual([
      expect.stringMatching(/^4:1 error missing issue key `number`/),
      '1:7 error issue `date`: expected the publication date as YYYY-MM-DD (found `1/7/2024`)',
    ]);
  });
});

describe('the publication settings', () => {
  it('takes A5 as the trim where none is given', async () => {
    const root = await folder({ 'publication.yaml': 'name: Tin Thôn\norganisation: Chi bộ\nlang: vi\n' });
    const source = await readSettings(root, (path) => path);
    expect(source?.settings?.press.trim).toEqual({ width: 148, height: 210 });
  });

  it('refuses a trim larger than 19 × 27 cm, and one that is no size, at their line', async () => {
    for (const [trim, reason] of [
      ['200x280mm', 'a trim of 200 × 280 mm is larger than the 190 × 270 mm a press copy may have'],
      ['A4', 'a trim of 210 × 297 mm is larger than the 190 × 270 mm a press copy may have'],
      ['letter', 'expected a trim size: A5, A6, B5, B6, or WIDTHxHEIGHT mm'],
    ] as const) {
      const root = await folder({ 'publication.yaml': `name: Tin Thôn\norganisation: Chi bộ\nlang: vi\npress:\n  trim: ${trim}\n` });
      const source = await readSettings(root, (path) => path);
      expect(source?.settings).toBeUndefined();
      expect(report(source?.file)).toEqual([expect.stringContaining(`5:9 error publication setting \`press.trim\`: ${reason}`)]);
    }
  });

  it('needs the bulletin’s name, organisation and language', async () => {
    const root = await folder({ 'publication.yaml': 'name: Tin Thôn\n' });
    const messages = report((await readSettings(root, (path) => path))?.file);
    expect(messages).toEqual([expect.stringMatching(/^2:1 error missing publication setting key `organisation`/), expect.stringMatching(/^2:1 error missing publication setting key `lang`/)]);
  });
});
