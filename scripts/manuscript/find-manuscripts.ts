import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BuildError } from '../errors.ts';

/** Lists the `*.md` files directly in `dir`, sorted by name so that every build sees them in one order. */
export async function findManuscripts(dir: string): Promise<string[]> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new BuildError('MANUSCRIPT_DIR', `manuscript folder not found: ${dir} (pass an existing folder with --manuscript DIR)`);
  }
  const names = (await readdir(dir)).filter((name) => name.endsWith('.md') && !name.startsWith('.'));
  if (names.length === 0) {
    throw new BuildError('MANUSCRIPT_DIR', `no *.md manuscript in ${dir}: add one, such as ${join(dir, 'my-article.md')}`);
  }
  return names.sort().map((name) => join(dir, name));
}
