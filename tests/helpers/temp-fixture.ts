import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureDir } from './build-fixture.ts';

/** A new empty temporary folder. */
export function tempDir(label: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `folio-${label}-`));
}

/**
 * Copies fixture `name` into a new temporary folder and replaces each `{{KEY}}` of its Markdown files
 * with `values[KEY]`: for addresses known only when the test runs, such as a server's port.
 */
export async function copyFixture(name: string, values: Readonly<Record<string, string>> = {}): Promise<string> {
  const dir = await tempDir(name);
  await cp(fixtureDir(name), dir, { recursive: true, verbatimSymlinks: true });
  for (const entry of await readdir(dir)) {
    if (!entry.endsWith('.md')) continue;
    const text = await readFile(join(dir, entry), 'utf8');
    await writeFile(join(dir, entry), text.replace(/\{\{(\w+)\}\}/g, (match, key: string) => values[key] ?? match));
  }
  return dir;
}

/**
 * The entries of a process's temporary folder `dir` other than `kept`: what it left behind. Entries, not
 * files: Chromium's lock and socket are no regular files. tsx-* is the cache of the loader the tests
 * start the command line with, not the tool's.
 */
export async function strayTempEntries(dir: string, kept: readonly string[] = []): Promise<string[]> {
  return (await readdir(dir)).filter((name) => !kept.includes(name) && !name.startsWith('tsx-'));
}

/** Every file under `dir`, as paths relative to it, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

/** Every file under `dir` with its bytes (base64): what a reader of an output folder would see. */
export async function folderSnapshot(dir: string): Promise<Map<string, string>> {
  const files = await listFiles(dir);
  return new Map(await Promise.all(files.map(async (name) => [name, (await readFile(join(dir, name))).toString('base64')] as const)));
}
