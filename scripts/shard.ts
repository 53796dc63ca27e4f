import { createHash } from 'node:crypto';

/** Which share of the manuscripts a build takes: `index` of `count`, counted from 1. */
export interface Shard {
  index: number;
  count: number;
}

/**
 * The manuscripts of shard `index` of `count`: each manuscript's share is fixed by a hash of its
 * file name, so that adding an article does not move the others to other shards.
 */
export function selectShard(paths: readonly string[], shard: Shard | undefined): string[] {
  if (!shard) return [...paths];
  return paths.filter((path) => {
    const name = path.split(/[\\/]/).pop() ?? path;
    const bucket = createHash('sha256').update(name).digest().readUInt32BE(0) % shard.count;
    return bucket === shard.index - 1;
  });
}
