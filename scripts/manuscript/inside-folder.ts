import { realpath } from 'node:fs/promises';
import { sep } from 'node:path';

/**
 * The real path of `path` when it lies inside the real `root` once every symbolic link is followed,
 * otherwise undefined: a link may not carry a file from elsewhere on the machine into a product.
 */
export async function insideFolder(root: string, path: string): Promise<string | undefined> {
  const [realRoot, real] = await Promise.all([realpath(root), realpath(path).catch(() => undefined)]);
  if (real === undefined) return undefined;
  return real === realRoot || real.startsWith(realRoot + sep) ? real : undefined;
}
