import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BuildError } from '../errors.ts';

/**
 * Lists the `*.md` files directly in `dir`, sorted by name so that every build sees them in one order.
 * Only regular files (or links to them) count: a folder or a named pipe called `x.md` is not a
 * manuscript, and reading a pipe would wait forever for a writer.
 */
export async function findManuscripts(dir: string): Promise<string[]> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new BuildError('MANUSCRIPT_DIR', `manuscript folder not found: ${dir} (pass an existing folder with --manuscript DIR)`);
  }
  const names = (await readdir(dir)).filter((name) => name.endsWith('.md') && !name.startsWith('.')).sort();
  // stat follows a link to what it points at; it does not open the file, so a pipe cannot block it.
  const kinds = await Promise.all(names.map((name) => stat(join(dir, name)).then((entry) => entry.isFile(), () => false)));
  const files = names.filter((_, index) => kinds[index]);
  if (files.length === 0) {
    const others = names.length > 0 ? ` (${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} not a regular file)` : '';
    throw new BuildError('MANUSCRIPT_DIR', `no *.md manuscript in ${dir}${others}: add one, such as ${join(dir, 'my-article.md')}`);
  }
  return files.map((name) => join(dir, name));
}
