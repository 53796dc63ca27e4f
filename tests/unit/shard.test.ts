import { describe, expect, it } from 'vitest';
import { selectShard } from '../../scripts/build.ts';

const paths = Array.from({ length: 40 }, (_, index) => `/m/article-${index}.md`);

describe('sharding', () => {
  it('splits the manuscripts into disjoint shares that together hold every one', () => {
    const shares = [1, 2, 3].map((index) => selectShard(paths, { index, count: 3 }));
    expect(shares.flat().sort()).toEqual([...paths].sort());
    for (const share of shares) expect(share.length).toBeGreaterThan(5);
  });

  it('keeps an article in its shard when others are added', () => {
    const before = selectShard(paths, { index: 2, count: 4 });
    const after = selectShard([...paths, '/m/new-1.md', '/m/new-2.md'], { index: 2, count: 4 });
    expect(after.filter((path) => paths.includes(path))).toEqual(before);
  });

  it('gives every manuscript to a single shard of one', () => {
    expect(selectShard(paths, { index: 1, count: 1 })).toEqual(paths);
  });
});
