import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { VFile } from 'vfile';
import { issueSchema, knownIssueKeys, type IssueMatter } from './issue-schema.ts';
import { readManuscript } from './read-manuscript.ts';
import { fail, readYaml, type Place } from './read-yaml.ts';

/** The folder of issue files inside the manuscript folder. */
export const ISSUES_DIR = 'issues';

/** One issue file, read and checked against the manuscripts it lists. */
export interface IssueSource {
  /** The file's name without `.yaml`: the issue's products are `issues/<name>.*`. */
  name: string;
  path: string;
  file: VFile;
  /** Undefined when the file has a fatal message. */
  matter?: IssueMatter;
  /** The manuscripts, as paths, in the issue's order. */
  articles: string[];
  placeOf(path: readonly (string | number)[]): Place;
}

/** Lists `issues/*.yaml` of the manuscript folder, sorted by name. */
export async function findIssues(root: string): Promise<string[]> {
  const dir = join(root, ISSUES_DIR);
  if (!(await stat(dir).catch(() => undefined))?.isDirectory()) return [];
  const names = (await readdir(dir)).filter((name) => name.endsWith('.yaml') && !name.startsWith('.'));
  return names.sort().map((name) => join(dir, name));
}

/**
 * Reads an issue file. Every listed manuscript must be one of `manuscripts` (the folder's `*.md`
 * files) and be listed once: anything else is an error at its line.
 */
export async function readIssue(path: string, display: (path: string) => string, root: string, manuscripts: readonly string[]): Promise<IssueSource> {
  const file = await readManuscript(path, display(path));
  const name = basename(path, '.yaml');
  const read = file.messages.some((message) => message.fatal) ? undefined : readYaml(file, String(file.value), issueSchema, { what: 'issue', offset: 0, knownKeys: knownIssueKeys });
  const placeOf = read?.placeOf ?? (() => ({ line: 1, column: 1 }));
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(name)) {
    fail(file, `the issue file's name \`${name}\` is not a slug: name it with lower-case ASCII letters, digits and single hyphens, such as \`so-12.yaml\``, { line: 1, column: 1 }, 'issue-name');
  }
  const byName = new Map(manuscripts.map((manuscript) => [basename(manuscript), manuscript]));
  const articles: string[] = [];
  read?.value.articles.forEach((article, index) => {
    const manuscript = byName.get(article);
    if (!manuscript) {
      fail(file, `\`${article}\` is not a manuscript of ${display(root) || '.'}: list the file name of a *.md file there`, placeOf(['articles', index]), 'issue-article');
    } else if (articles.includes(manuscript)) {
      fail(file, `\`${article}\` is listed twice: an article appears once in an issue`, placeOf(['articles', index]), 'issue-article');
    } else articles.push(manuscript);
  });
  const ok = read && !file.messages.some((message) => message.fatal);
  return { name, path, file, ...(ok ? { matter: read.value } : {}), articles, placeOf };
}
